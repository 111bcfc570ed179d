package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {
  private static final long CHUNK = 10;

  @Test
  void fillsANewEmptyServerFromTheFullestAtMostMaxMovesAtOnce() {
    RebalancePlanner planner = new RebalancePlanner(0.1, 3);
    List<RebalancePlanner.Move> moves = planner.plan(List.of(
        new RebalancePlanner.Usage("a", 400, 0), new RebalancePlanner.Usage("b", 395, 0),
        new RebalancePlanner.Usage("c", 360, 0), new RebalancePlanner.Usage("new", 0, 1)), CHUNK);
    assertEquals(2, moves.size(), "one move already under way into new");
    assertTrue(moves.stream().allMatch(m -> m.to().equals("new")));
    assertEquals(List.of("a", "b"), moves.stream().map(RebalancePlanner.Move::from).toList(),
        "the fullest gives first, then the next fullest");
  }

  @Test
  void doesNothingWhenEveryServerIsWithinTheThreshold() {
    RebalancePlanner planner = new RebalancePlanner(0.1, 5);
    assertTrue(planner.plan(List.of(new RebalancePlanner.Usage("a", 105, 0),
        new RebalancePlanner.Usage("b", 95, 0)), CHUNK).isEmpty());
    assertTrue(planner.plan(List.of(new RebalancePlanner.Usage("a", 105, 0)), CHUNK).isEmpty());
  }

  @Test
  void aServerAboveTheThresholdGivesToTheEmptiestEvenIfThatIsWithinIt() {
    RebalancePlanner planner = new RebalancePlanner(0.1, 5);
    List<RebalancePlanner.Move> moves = planner.plan(List.of(new RebalancePlanner.Usage("a", 140, 0),
        new RebalancePlanner.Usage("b", 95, 0), new RebalancePlanner.Usage("c", 90, 0),
        new RebalancePlanner.Usage("d", 95, 0)), CHUNK);
    assertTrue(!moves.isEmpty() && moves.stream().allMatch(m -> m.from().equals("a")));
  }

  @Test
  void repeatedPlansConvergeWithinTheThresholdWithoutOvershooting() {
    RebalancePlanner planner = new RebalancePlanner(0.1, 2);
    Map<String, Long> used = new HashMap<>(Map.of("a", 360L, "b", 360L, "c", 360L, "new", 0L));
    for (int round = 0; round < 100; round++) {
      List<RebalancePlanner.Move> moves = planner.plan(used.entrySet().stream()
          .map(e -> new RebalancePlanner.Usage(e.getKey(), e.getValue(), 0)).toList(), CHUNK);
      if (moves.isEmpty()) {
        break;
      }
      for (RebalancePlanner.Move move : moves) {
        used.merge(move.from(), -CHUNK, Long::sum);
        used.merge(move.to(), CHUNK, Long::sum);
      }
    }
    double mean = used.values().stream().mapToLong(Long::longValue).average().orElseThrow();
    for (Map.Entry<String, Long> entry : used.entrySet()) {
      assertTrue(Math.abs(entry.getValue() - mean) <= mean * 0.1, entry + " within 10% of " + mean);
    }
  }

  @Test
  void assessmentShowsEachServerAgainstTheMeanAndTheThreshold() {
    List<RebalancePlanner.Usage> usage = List.of(new RebalancePlanner.Usage("a", 150, 0),
        new RebalancePlanner.Usage("b", 100, 0), new RebalancePlanner.Usage("c", 50, 0),
        new RebalancePlanner.Usage("d", 105, 0));
    assertEquals(101, RebalancePlanner.mean(usage));
    List<RebalancePlanner.Standing> standings = RebalancePlanner.assess(usage, 0.1);
    assertEquals(List.of("a", "b", "c", "d"), standings.stream().map(RebalancePlanner.Standing::id).toList());
    assertTrue(standings.get(0).above());
    assertTrue(standings.get(2).below());
    assertTrue(!standings.get(1).above() && !standings.get(1).below());
    assertTrue(!standings.get(3).above() && !standings.get(3).below(), "within 10% of the mean");
    assertEquals((150 - 101.25) / 101.25, standings.get(0).deviation(), 1e-9);
    assertEquals(0, RebalancePlanner.assess(List.of(new RebalancePlanner.Usage("e", 0, 0)), 0.1).get(0).deviation());
    assertEquals(0, RebalancePlanner.mean(List.of()));
  }
}
