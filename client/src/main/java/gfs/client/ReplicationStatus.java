package gfs.client;

import java.util.List;

/**
 * The master leader's re-replication queue as its last scan left it (`gfs admin replication
 * status`): levels of the priority order (a chunk a client waits for first, then the most
 * replicas missing, live files before deleted ones, surplus replicas last) and the clones under way.
 *
 * @param scannedAtMs when that scan finished; 0 when none has since this master leads
 * @param missingChunks chunks with no live replica: nothing to copy from, never queued
 * @param queue the most urgent chunks, as many as asked, in the order clones are started
 * @param queuedChunks chunks in the queue, listed or not
 * @param paused safe mode: no clone or surplus deletion starts
 */
public record ReplicationStatus(long scannedAtMs, long scanIntervalMs, long underReplicatedChunks,
    long missingChunks, long overReplicatedChunks, List<Level> levels, List<QueuedChunk> queue,
    long queuedChunks, List<Clone> clones, int maxClones, int maxClonesPerServer, boolean paused) {

  public ReplicationStatus {
    levels = List.copyOf(levels);
    queue = List.copyOf(queue);
    clones = List.copyOf(clones);
  }

  /**
   * Chunks that rank alike; priority 1 is the most urgent.
   *
   * @param missingReplicas replicas short of the goal; negative for surplus replicas
   * @param deleted held by deleted files only
   */
  public record Level(int priority, boolean blocked, int missingReplicas, boolean deleted, long chunks) {}

  public record QueuedChunk(int priority, long handle, long version, int goal, int liveReplicas,
      boolean blocked, boolean deleted, boolean cloneInFlight) {}

  /** A chunk copy under way from source to target; move: a rebalancing move. */
  public record Clone(long handle, long version, String source, String target, boolean move, long ageMs) {}
}
