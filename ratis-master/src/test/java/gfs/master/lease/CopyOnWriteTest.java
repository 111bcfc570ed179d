package gfs.master.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.proto.ChunkRecord;
import org.junit.jupiter.api.Test;

/** A chunk shared with a snapshot is never leased before it is split and copied. */
class CopyOnWriteTest {
  private static ChunkRecord record(int refCount, long copyFrom) {
    return ChunkRecord.newBuilder().setHandle(9).setVersion(3).setRefCount(refCount).setCopyFrom(copyFrom).build();
  }

  @Test
  void anUnsharedChunkIsLeased() {
    assertEquals(CopyOnWrite.Step.LEASE, CopyOnWrite.next(record(1, 0)));
  }

  @Test
  void aSharedChunkIsSplitFirst() {
    assertEquals(CopyOnWrite.Step.SPLIT, CopyOnWrite.next(record(2, 0)));
    assertEquals(CopyOnWrite.Step.SPLIT, CopyOnWrite.next(record(5, 0)));
  }

  @Test
  void aPendingCopyIsFinishedFirst() {
    assertEquals(CopyOnWrite.Step.COPY, CopyOnWrite.next(record(1, 7)));
  }

  @Test
  void aPendingCopySnapshottedMeanwhileIsFinishedWithoutLeaseThenSplit() {
    assertEquals(CopyOnWrite.Step.COPY_THEN_SPLIT, CopyOnWrite.next(record(2, 7)));
  }
}
