package gfs.master.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private final Placement placement = new Placement(2);

  @Test
  void spreadsReplicasAcrossRacksBeforeFillingOne() {
    List<Placement.Candidate> candidates = List.of(
        new Placement.Candidate("a1", "rack-a", 0.1, 0),
        new Placement.Candidate("a2", "rack-a", 0.1, 0),
        new Placement.Candidate("a3", "rack-a", 0.2, 0),
        new Placement.Candidate("b1", "rack-b", 0.5, 0));
    List<Placement.Candidate> chosen = placement.choose(3, candidates, Set.of(), Set.of());
    assertEquals(3, chosen.size());
    assertEquals(Set.of("rack-a", "rack-b"), chosen.stream().map(Placement.Candidate::rack).collect(Collectors.toSet()));
    assertEquals("a1", chosen.get(0).id(), "least used first");
  }

  @Test
  void prefersLessUsedAndNotRecentlyBusyServers() {
    List<Placement.Candidate> candidates = List.of(
        new Placement.Candidate("full", "r1", 0.9, 0),
        new Placement.Candidate("busy", "r2", 0.0, 5),
        new Placement.Candidate("ok", "r3", 0.3, 0));
    List<Placement.Candidate> chosen = placement.choose(2, candidates, Set.of(), Set.of());
    assertEquals(List.of("ok", "full"), chosen.stream().map(Placement.Candidate::id).toList());
    List<Placement.Candidate> all = placement.choose(3, candidates, Set.of(), Set.of());
    assertEquals("busy", all.get(2).id(), "a busy server is still used when nothing else is left");
  }

  @Test
  void neverChoosesExcludedServers() {
    List<Placement.Candidate> candidates = List.of(
        new Placement.Candidate("x", "r1", 0.0, 0), new Placement.Candidate("y", "r2", 0.1, 0));
    assertEquals(List.of("y"), placement.choose(2, candidates, Set.of("x"), Set.of())
        .stream().map(Placement.Candidate::id).toList());
  }
}
