package gfs.master.fsck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.ChunkHealth;
import gfs.proto.ReplicaState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkJudgeTest {
  private static ChunkJudge.ReplicaView good(String id) {
    return new ChunkJudge.ReplicaView(id, 5, false, true, false);
  }

  private static ChunkJudge.Verdict judge(long version, int goal, List<ChunkJudge.ReplicaView> replicas) {
    return ChunkJudge.judge(version, goal, replicas, false);
  }

  @Test
  void replicasAtTheGoalAreHealthyAndAboveItOverReplicated() {
    assertEquals(ChunkHealth.CHUNK_HEALTHY, judge(5, 3, List.of(good("a"), good("b"), good("c"))).health());
    ChunkJudge.Verdict over = judge(5, 2, List.of(good("a"), good("b"), good("c")));
    assertEquals(ChunkHealth.CHUNK_OVER_REPLICATED, over.health());
    assertFalse(over.problem(), "a surplus replica is not a problem");
  }

  @Test
  void deadStaleAndCorruptReplicasDoNotCountTowardTheGoal() {
    ChunkJudge.Verdict verdict = judge(5, 3, List.of(good("a"),
        new ChunkJudge.ReplicaView("b", 5, false, false, false),
        new ChunkJudge.ReplicaView("c", 4, false, true, false),
        new ChunkJudge.ReplicaView("d", 5, true, true, false)));
    assertEquals(ChunkHealth.CHUNK_UNDER_REPLICATED, verdict.health());
    assertEquals(1, verdict.live());
    assertEquals(1, verdict.stale());
    assertEquals(1, verdict.corrupt());
    assertEquals(1, verdict.dead());
    assertEquals(List.of(ReplicaState.REPLICA_GOOD, ReplicaState.REPLICA_DEAD, ReplicaState.REPLICA_STALE,
        ReplicaState.REPLICA_CORRUPT), verdict.states());
    assertTrue(verdict.problem());
  }

  @Test
  void aReplicaOnADrainingServerIsKeptButNotCounted() {
    ChunkJudge.Verdict verdict = judge(5, 2, List.of(good("a"),
        new ChunkJudge.ReplicaView("b", 5, false, true, true)));
    assertEquals(ChunkHealth.CHUNK_UNDER_REPLICATED, verdict.health());
    assertEquals(1, verdict.decommissioning());
    ChunkJudge.Verdict onlyDraining = judge(5, 1, List.of(new ChunkJudge.ReplicaView("b", 5, false, true, true)));
    assertEquals(ChunkHealth.CHUNK_UNDER_REPLICATED, onlyDraining.health(), "still readable: not missing");
  }

  @Test
  void noGoodReplicaIsMissingOrCorruptWhenOnlyCorruptCopiesAreLeft() {
    assertEquals(ChunkHealth.CHUNK_MISSING, judge(5, 3, List.of(
        new ChunkJudge.ReplicaView("a", 5, false, false, false),
        new ChunkJudge.ReplicaView("b", 3, false, true, false))).health());
    assertEquals(ChunkHealth.CHUNK_CORRUPT, judge(5, 3, List.of(
        new ChunkJudge.ReplicaView("a", 5, true, true, false))).health());
    assertEquals(ChunkHealth.CHUNK_MISSING, judge(5, 3, List.of()).health());
  }

  @Test
  void theLastChunkAddedButNeverPlacedIsNotMissing() {
    assertEquals(ChunkHealth.CHUNK_HEALTHY, ChunkJudge.judge(1, 3, List.of(), true).health());
    assertEquals(ChunkHealth.CHUNK_MISSING, judge(1, 3, List.of()).health(),
        "placed (or before the last chunk, so written): no replica known means none is left");
    assertEquals(ChunkHealth.CHUNK_MISSING, ChunkJudge.judge(2, 3, List.of(), true).health(),
        "a later version was leased, so written");
  }

  @Test
  void worseRanksMissingAboveCorruptAboveUnderReplicated() {
    assertEquals(ChunkHealth.CHUNK_MISSING, ChunkJudge.worse(ChunkHealth.CHUNK_CORRUPT, ChunkHealth.CHUNK_MISSING));
    assertEquals(ChunkHealth.CHUNK_CORRUPT, ChunkJudge.worse(ChunkHealth.CHUNK_CORRUPT, ChunkHealth.CHUNK_UNDER_REPLICATED));
    assertEquals(ChunkHealth.CHUNK_UNDER_REPLICATED,
        ChunkJudge.worse(ChunkHealth.CHUNK_HEALTHY, ChunkHealth.CHUNK_UNDER_REPLICATED));
  }
}
