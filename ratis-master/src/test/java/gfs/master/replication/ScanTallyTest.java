package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanTallyTest {
  private static ServerView live(String id) {
    return new ServerView(id, "r", false, 0, 1_000, 0);
  }

  private static ServerView draining(String id) {
    return new ServerView(id, "r", true, 0, 1_000, 0);
  }

  @Test
  void countsUnderOverMissingAndWhatADecommissioningServerStillHasToHandOver() {
    ScanTally tally = new ScanTally(Set.of("d"), Set.of(), Set.of(), 100, 10, 10);
    tally.add(1, 1, 3, false, List.of(live("a"), live("b"), draining("d")));  // 2 of 3 elsewhere: d must drain it
    tally.add(2, 1, 3, false, List.of(live("a"), live("b"), live("c"), draining("d")));  // safe on d
    tally.add(3, 1, 2, false, List.of(live("a"), live("b"), live("c")));  // over
    tally.add(4, 1, 3, false, List.of());  // missing
    ScanTally.Report report = tally.finish(h -> List.of(), 0);
    assertEquals(2, report.underReplicated());
    assertEquals(1, report.missing());
    assertEquals(1, report.overReplicated());
    assertEquals(1, report.toDrain("d"));
    assertEquals(-1, report.toDrain("a"), "not decommissioning");
    assertEquals(List.of(1L, 3L), report.work().stream().map(ChunkNeed::handle).toList(),
        "a missing chunk cannot be cloned; surplus last");
  }

  @Test
  void aDrainedServerHasNothingLeftToHandOver() {
    ScanTally tally = new ScanTally(Set.of("d"), Set.of(), Set.of(), 100, 10, 10);
    tally.add(1, 1, 2, false, List.of(live("a"), live("b"), draining("d")));
    assertEquals(0, tally.finish(h -> List.of(), 0).toDrain("d"));
  }

  @Test
  void keepsOnlyTheMostUrgentWorkWithinItsBound() {
    ScanTally tally = new ScanTally(Set.of(), Set.of(7L), Set.of(), 2, 10, 10);
    tally.add(5, 1, 3, false, List.of(live("a"), live("b")));
    tally.add(6, 1, 3, false, List.of(live("a")));
    tally.add(7, 1, 3, false, List.of(live("a"), live("b")));
    tally.add(8, 1, 3, true, List.of(live("a")));
    ScanTally.Report report = tally.finish(h -> List.of(), 0);
    assertEquals(List.of(7L, 6L), report.work().stream().map(ChunkNeed::handle).toList());
    assertEquals(4, report.underReplicated(), "counts are not bounded");
  }

  @Test
  void aSharedChunkIsJudgedAgainstTheLargestGoalOfItsFiles() {
    ScanTally tally = new ScanTally(Set.of(), Set.of(), Set.of(), 100, 10, 10);
    assertTrue(tally.deferShared(9, 1, 1, false));
    assertTrue(tally.deferShared(9, 1, 3, true));
    ScanTally.Report report = tally.finish(h -> List.of(live("a"), live("b"), live("c")), 0);
    assertEquals(0, report.overReplicated(), "goal 3 from the second file, not 1");
    assertEquals(0, report.underReplicated());
  }

  @Test
  void keepsMoveCandidatesOfDonorsAtTheirGoal() {
    ScanTally tally = new ScanTally(Set.of(), Set.of(), Set.of("a"), 100, 1, 10);
    tally.add(1, 1, 2, false, List.of(live("a"), live("b")));
    tally.add(2, 1, 2, false, List.of(live("a"), live("b")));
    tally.add(3, 1, 3, false, List.of(live("a"), live("b")));  // under: not a candidate
    ScanTally.Report report = tally.finish(h -> List.of(), 0);
    assertEquals(List.of(1L), report.moveCandidates().get("a").stream().map(ChunkNeed::handle).toList());
    assertTrue(!report.moveCandidates().containsKey("b"));
  }
}
