package gfs.master.lease;

import gfs.proto.ChunkRecord;

/**
 * What a lease request must do first about copy-on-write (GFS section 3.4), from the chunk's
 * record alone. A chunk shared with a snapshot never gets a lease: it is split first.
 */
public final class CopyOnWrite {
  public enum Step {
    /** Not shared, no copy pending: the ordinary lease decision. */
    LEASE,
    /** Shared (ref_count > 1): log ReplaceChunk so the file gets its own handle, then look it up again. */
    SPLIT,
    /** A copy is pending (copy_from set): have the source's replicas copy it, log CopyDone, lease it. */
    COPY,
    /** A copy is pending and the new chunk was snapshotted meanwhile: finish the copy with no lease, then split. */
    COPY_THEN_SPLIT
  }

  private CopyOnWrite() {}

  public static Step next(ChunkRecord record) {
    boolean shared = record.getRefCount() > 1;
    if (record.getCopyFrom() != 0) {
      return shared ? Step.COPY_THEN_SPLIT : Step.COPY;
    }
    return shared ? Step.SPLIT : Step.LEASE;
  }
}
