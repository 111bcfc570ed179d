package gfs.master.gc;

import static gfs.master.gc.ReplicaVerdict.CORRUPT;
import static gfs.master.gc.ReplicaVerdict.KEEP;
import static gfs.master.gc.ReplicaVerdict.ORPHAN;
import static gfs.master.gc.ReplicaVerdict.STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.proto.ChunkRecord;
import org.junit.jupiter.api.Test;

class ReplicaVerdictTest {
  private static ChunkRecord record(long handle, long version) {
    return ChunkRecord.newBuilder().setHandle(handle).setVersion(version).setRefCount(1).build();
  }

  @Test
  void aCollectedChunkIsAnOrphan() {
    assertEquals(ORPHAN, ReplicaVerdict.judge(5, 3, false, null, 10, 0));
  }

  @Test
  void aHandleTheMasterHasNotAllocatedYetIsNeverAnOrphan() {
    // A lagging or new leader: the chunk exists in a later log entry it has not applied.
    assertEquals(KEEP, ReplicaVerdict.judge(10, 1, false, null, 10, 0));
    assertEquals(KEEP, ReplicaVerdict.judge(99, 1, false, null, 10, 0));
  }

  @Test
  void anOlderReplicaIsStaleOnlyWhileAnUpToDateCopyLivesElsewhere() {
    assertEquals(STALE, ReplicaVerdict.judge(5, 2, false, record(5, 3), 10, 1));
    assertEquals(KEEP, ReplicaVerdict.judge(5, 2, false, record(5, 3), 10, 0), "the last copy is kept");
  }

  @Test
  void currentAndAheadReplicasAreKept() {
    assertEquals(KEEP, ReplicaVerdict.judge(5, 3, false, record(5, 3), 10, 2));
    assertEquals(KEEP, ReplicaVerdict.judge(5, 4, false, record(5, 3), 10, 2), "a grant in flight");
  }

  @Test
  void aCorruptReplicaIsDeletedOnlyWhileAGoodCopyLivesElsewhere() {
    assertEquals(CORRUPT, ReplicaVerdict.judge(5, 3, true, record(5, 3), 10, 1));
    assertEquals(KEEP, ReplicaVerdict.judge(5, 3, true, record(5, 3), 10, 0), "the last copy is kept");
    assertEquals(CORRUPT, ReplicaVerdict.judge(5, 2, true, record(5, 3), 10, 2), "stale and corrupt");
    assertEquals(ORPHAN, ReplicaVerdict.judge(5, 3, true, null, 10, 0), "a collected chunk");
  }
}
