package gfs.master.replication;

import java.util.Comparator;

/**
 * The order re-replication works in (GFS section 4.3): chunks a client is blocked on first of
 * all, then the ones missing the most replicas (a chunk with one replica left before one with
 * two), then live files before deleted ones; ties by handle, so the order is stable.
 * Over-replicated chunks come after every under-replicated one.
 */
public final class ReplicationPriority {
  /** Most urgent first. */
  public static final Comparator<ChunkNeed> ORDER = Comparator
      .comparing((ChunkNeed n) -> !n.underReplicated())
      .thenComparing(n -> !n.blocked())
      .thenComparing(Comparator.comparingInt(ChunkNeed::missing).reversed())
      .thenComparing(ChunkNeed::deleted)
      .thenComparingLong(ChunkNeed::handle);

  private ReplicationPriority() {}
}
