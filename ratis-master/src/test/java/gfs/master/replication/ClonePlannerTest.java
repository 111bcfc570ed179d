package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.placement.Placement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClonePlannerTest {
  private final ClonePlanner planner = new ClonePlanner(new Placement(Integer.MAX_VALUE));

  private static ServerView server(String id, String rack, long used) {
    return new ServerView(id, rack, false, used, 1_000, 0);
  }

  @Test
  void targetsAnotherRackAndNeverAHolderOrADecommissioningServer() {
    ServerView a1 = server("a1", "a", 100);
    ServerView a2 = server("a2", "a", 0);
    ServerView a3 = server("a3", "a", 10);
    ServerView b1 = server("b1", "b", 900);
    ServerView b2Draining = new ServerView("b2", "b", true, 0, 1_000, 0);
    ServerView b3 = server("b3", "b", 0);
    // Replicas on a1 (live) and b3 (stale, so it is a holder but not up to date).
    Optional<ClonePlanner.Plan> plan = planner.plan(List.of(a1), Set.of("a1", "b3"),
        List.of(a1, a2, a3, b1, b2Draining, b3), (s, t) -> true);
    assertEquals(new ClonePlanner.Plan("a1", "b1"), plan.orElseThrow(),
        "rack b first even though fuller; b3 holds a stale copy, b2 is draining");
  }

  @Test
  void copiesFromTheLeastLoadedReplicaIncludingADecommissioningOne() {
    ServerView busy = new ServerView("busy", "a", false, 0, 1_000, 5);
    ServerView draining = new ServerView("draining", "b", true, 0, 1_000, 0);
    ServerView target = server("t", "c", 0);
    Optional<ClonePlanner.Plan> plan = planner.plan(List.of(busy, draining), Set.of("busy", "draining"),
        List.of(busy, draining, target), (s, t) -> true);
    assertEquals(new ClonePlanner.Plan("draining", "t"), plan.orElseThrow());
  }

  @Test
  void skipsPairsTheThrottleRefusesAndGivesUpWhenNoneIsAllowed() {
    ServerView src = server("src", "a", 0);
    ServerView full = server("full", "b", 0);
    ServerView other = server("other", "b", 50);
    assertEquals(new ClonePlanner.Plan("src", "other"), planner.plan(List.of(src), Set.of("src"),
        List.of(src, full, other), (s, t) -> !t.equals("full")).orElseThrow());
    assertTrue(planner.plan(List.of(src), Set.of("src"), List.of(src, full, other), (s, t) -> false).isEmpty());
    assertTrue(planner.plan(List.of(), Set.of(), List.of(src, full), (s, t) -> true).isEmpty(), "no source");
  }
}
