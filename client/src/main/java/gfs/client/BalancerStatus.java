package gfs.client;

import java.util.List;

/**
 * Rebalancing as the master leader runs it (`gfs admin balancer status`).
 *
 * @param enabled the replicated switch (`balancer start` / `stop`)
 * @param active enabled, a rebalance interval set, and not in safe mode
 * @param changedAtMs when the switch was last set; 0 = never
 * @param lastRunAtMs this leader's last rebalancing round; 0 = none
 * @param servers live chunkservers not being drained, by id
 */
public record BalancerStatus(boolean enabled, boolean active, long changedAtMs, long intervalMs,
    double threshold, int maxMovesPerServer, long lastRunAtMs, long meanUsedBytes,
    List<Server> servers, List<ReplicationStatus.Clone> moves, boolean safeMode) {

  public BalancerStatus {
    servers = List.copyOf(servers);
    moves = List.copyOf(moves);
  }

  /**
   * One chunkserver against the mean chunk bytes.
   *
   * @param deviation (used - mean) / mean
   * @param above beyond the threshold above the mean: gives chunks
   * @param below beyond the threshold below the mean: takes chunks
   */
  public record Server(String id, String rack, long usedBytes, long capacityBytes, double deviation,
      boolean above, boolean below, int movesIn, int movesOut) {}
}
