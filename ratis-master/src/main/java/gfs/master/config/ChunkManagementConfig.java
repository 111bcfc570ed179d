package gfs.master.config;

import gfs.common.Config;

/**
 * Settings of the leader's background chunk management: re-replication, rebalancing,
 * garbage collection and placement.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>replication.scan.interval.ms</td><td>5000</td><td>how often the leader walks the namespace for chunks below or above their goal</td></tr>
 *   <tr><td>replication.max.clones.per.server</td><td>2</td><td>clones a chunkserver takes part in at once (as source or target)</td></tr>
 *   <tr><td>replication.max.clones</td><td>16</td><td>clones under way in the whole cluster</td></tr>
 *   <tr><td>replication.clone.bandwidth.bytes</td><td>32MB</td><td>bytes per second one clone may read from its source; also bounds how long writers of a chunk wait for its clone ({@link #cloneWriteHoldMs})</td></tr>
 *   <tr><td>replication.clone.timeout.ms</td><td>120000</td><td>a clone not reported done by then is given up and planned again (at once when its source or target dies)</td></tr>
 *   <tr><td>rebalance.interval.ms</td><td>60000</td><td>how often the leader moves chunks toward even disk use; 0 = never</td></tr>
 *   <tr><td>rebalance.threshold</td><td>0.1</td><td>a chunkserver is out of balance when its chunk bytes differ from the mean by more than this fraction of the mean</td></tr>
 *   <tr><td>rebalance.max.moves.per.server</td><td>1</td><td>moves a chunkserver receives at once (a new empty server is filled gradually)</td></tr>
 *   <tr><td>gc.retention.ms</td><td>259200000</td><td>how long deleted files stay restorable (3 days)</td></tr>
 *   <tr><td>gc.scan.interval.ms</td><td>60000</td><td>how often the leader collects expired deleted files and orphaned or stale replicas</td></tr>
 *   <tr><td>placement.max.recent.creations</td><td>10</td><td>new chunks a chunkserver takes per minute before others are preferred</td></tr>
 * </table>
 */
public record ChunkManagementConfig(
    long replicationScanIntervalMs,
    int maxClonesPerServer,
    int maxClonesPerCluster,
    long cloneBandwidthBytesPerS,
    long cloneTimeoutMs,
    long rebalanceIntervalMs,
    double rebalanceThreshold,
    int maxMovesPerServer,
    long gcRetentionMs,
    long gcScanIntervalMs,
    int maxRecentCreationsPerServer) {

  public static final ChunkManagementConfig DEFAULTS = new ChunkManagementConfig(5_000, 2, 16,
      32L << 20, 120_000, 60_000, 0.1, 1, 3L * 24 * 3600 * 1000, 60_000, 10);

  /**
   * How long writers of a chunk wait for a clone of it (see CloneThrottle): twice what copying
   * a full chunk at the clone bandwidth takes, plus 5 s, and never past the clone timeout.
   */
  public long cloneWriteHoldMs(long chunkSizeBytes) {
    long copyMs = chunkSizeBytes * 1000 / cloneBandwidthBytesPerS;
    return Math.min(cloneTimeoutMs, 2 * copyMs + 5_000);
  }

  public ChunkManagementConfig {
    if (replicationScanIntervalMs < 1 || gcScanIntervalMs < 1) {
      throw new IllegalArgumentException("replication.scan.interval.ms and gc.scan.interval.ms must be positive");
    }
    if (maxClonesPerServer < 1 || maxClonesPerCluster < 1 || maxMovesPerServer < 1) {
      throw new IllegalArgumentException("replication.max.clones.per.server, replication.max.clones and"
          + " rebalance.max.moves.per.server must be at least 1");
    }
    if (cloneBandwidthBytesPerS < 64 * 1024) {
      throw new IllegalArgumentException("replication.clone.bandwidth.bytes must be at least 64KB (per second)");
    }
    if (rebalanceIntervalMs < 0 || gcRetentionMs < 0 || cloneTimeoutMs < 1) {
      throw new IllegalArgumentException("rebalance.interval.ms and gc.retention.ms must not be negative,"
          + " replication.clone.timeout.ms must be positive");
    }
    if (!(rebalanceThreshold > 0 && rebalanceThreshold < 1)) {
      throw new IllegalArgumentException("rebalance.threshold must be between 0 and 1, not " + rebalanceThreshold);
    }
  }

  public static ChunkManagementConfig from(Config config) {
    ChunkManagementConfig d = DEFAULTS;
    return new ChunkManagementConfig(
        config.getLong("replication.scan.interval.ms", d.replicationScanIntervalMs()),
        config.getInt("replication.max.clones.per.server", d.maxClonesPerServer()),
        config.getInt("replication.max.clones", d.maxClonesPerCluster()),
        config.getBytes("replication.clone.bandwidth.bytes", d.cloneBandwidthBytesPerS()),
        config.getLong("replication.clone.timeout.ms", d.cloneTimeoutMs()),
        config.getLong("rebalance.interval.ms", d.rebalanceIntervalMs()),
        Double.parseDouble(config.getString("rebalance.threshold", Double.toString(d.rebalanceThreshold()))),
        config.getInt("rebalance.max.moves.per.server", d.maxMovesPerServer()),
        config.getLong("gc.retention.ms", d.gcRetentionMs()),
        config.getLong("gc.scan.interval.ms", d.gcScanIntervalMs()),
        config.getInt("placement.max.recent.creations", d.maxRecentCreationsPerServer()));
  }
}
