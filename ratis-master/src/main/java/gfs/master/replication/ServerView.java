package gfs.master.replication;

/**
 * A live chunkserver as re-replication and rebalancing see it.
 *
 * @param usedBytes bytes of chunk files on it (DiskUsage.used_bytes)
 * @param load requests it is serving plus clones it takes part in
 */
public record ServerView(String id, String rack, boolean decommissioning, long usedBytes,
    long capacityBytes, int load) {

  /** Chunk bytes over capacity (on one machine every chunkserver shares a disk, so free/capacity would not tell them apart). */
  public double usedFraction() {
    return capacityBytes <= 0 ? 0 : (double) usedBytes / capacityBytes;
  }
}
