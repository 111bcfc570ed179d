package gfs.client.master;

import gfs.client.ClientConfig;

/**
 * Whether one attempt of a metadata read (stat, list, chunk locations) may be answered by a
 * master that is not the leader (a follower or a read-only shadow, with allow_stale). Either
 * always (client.stale.reads), or as a fallback when no leader has answered the read: after
 * every master was tried at least once and the read has waited fallbackAfterMs, or at once
 * after that first round when an earlier read fell back moments ago. Pure.
 *
 * @param fallbackAfterMs negative: never fall back
 */
public record StaleReadPolicy(boolean always, long fallbackAfterMs) {
  /** Mutations, and reads that must see the leader's latest state. */
  public static final StaleReadPolicy LEADER_ONLY = new StaleReadPolicy(false, -1);

  /** From the client config: the fallback comes within the first half of the operation timeout. */
  public static StaleReadPolicy of(ClientConfig config) {
    long fallbackMs = config.staleFallbackMs() < 0 ? -1
        : Math.min(config.staleFallbackMs(), config.operationTimeoutMs() / 2);
    return new StaleReadPolicy(config.staleReads(), fallbackMs);
  }

  /**
   * @param attemptsDone attempts this read made so far
   * @param masterCount masters the client knows
   * @param elapsedMs since the read started
   * @param recentlyFellBack another read fell back to a non-leader moments ago
   */
  public boolean allowStale(int attemptsDone, int masterCount, long elapsedMs,
      boolean recentlyFellBack) {
    if (always) {
      return true;
    }
    if (fallbackAfterMs < 0 || attemptsDone < masterCount) {
      return false;
    }
    return recentlyFellBack || elapsedMs >= fallbackAfterMs;
  }
}
