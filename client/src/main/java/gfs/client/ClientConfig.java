package gfs.client;

import gfs.common.Config;
import gfs.rpc.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a client reaches the cluster. Loaded from a client.conf file (the one
 * `gfs local` writes) or built in code.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>masters</td><td>(required)</td><td>host:port,... of the masters' service ports</td></tr>
 *   <tr><td>client.rpc.timeout.ms</td><td>10000</td><td>deadline of one RPC</td></tr>
 *   <tr><td>client.operation.timeout.ms</td><td>30000</td><td>bound on one operation with all its retries and failovers</td></tr>
 *   <tr><td>client.location.cache.ms</td><td>60000</td><td>how long chunk locations stay cached</td></tr>
 *   <tr><td>client.stale.reads</td><td>false</td><td>let any master (follower or read-only shadow) answer metadata reads (stat, list, chunk locations), not only the leader</td></tr>
 *   <tr><td>client.stale.fallback.ms</td><td>3000</td><td>a metadata read that no leader answered for this long (and at most half the operation timeout), after every master was tried, is answered by any master that can; negative: never</td></tr>
 * </table>
 */
public record ClientConfig(
    List<String> masters,
    long rpcTimeoutMs,
    long operationTimeoutMs,
    long locationCacheMs,
    boolean staleReads,
    long staleFallbackMs) {

  public static final long DEFAULT_RPC_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_OPERATION_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_LOCATION_CACHE_MS = 60_000;
  /** Longer than a Raft election (1-2 s), so a failover is waited out rather than read stale. */
  public static final long DEFAULT_STALE_FALLBACK_MS = 3_000;

  /** With the default stale-read fallback. */
  public ClientConfig(List<String> masters, long rpcTimeoutMs, long operationTimeoutMs,
      long locationCacheMs, boolean staleReads) {
    this(masters, rpcTimeoutMs, operationTimeoutMs, locationCacheMs, staleReads,
        DEFAULT_STALE_FALLBACK_MS);
  }

  public ClientConfig {
    if (masters == null || masters.isEmpty()) {
      throw new IllegalArgumentException("no master addresses given");
    }
    masters = List.copyOf(masters);
    for (String master : masters) {
      HostPort.parse(master); // a typo fails here, naming the address
    }
    if (rpcTimeoutMs <= 0 || operationTimeoutMs <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (locationCacheMs < 0) {
      throw new IllegalArgumentException("location cache time must not be negative");
    }
  }

  public static ClientConfig of(List<String> masters) {
    return new ClientConfig(masters, DEFAULT_RPC_TIMEOUT_MS, DEFAULT_OPERATION_TIMEOUT_MS,
        DEFAULT_LOCATION_CACHE_MS, false);
  }

  public static ClientConfig load(Path file) throws IOException {
    Config config = Config.load(file);
    String masters = config.getString("masters", "");
    if (masters.isBlank()) {
      throw new IOException(file + ": no 'masters' key (host:port,...)");
    }
    return new ClientConfig(
        List.of(masters.split("\\s*,\\s*")),
        config.getLong("client.rpc.timeout.ms", DEFAULT_RPC_TIMEOUT_MS),
        config.getLong("client.operation.timeout.ms", DEFAULT_OPERATION_TIMEOUT_MS),
        config.getLong("client.location.cache.ms", DEFAULT_LOCATION_CACHE_MS),
        config.getBoolean("client.stale.reads", false),
        config.getLong("client.stale.fallback.ms", DEFAULT_STALE_FALLBACK_MS));
  }

  public ClientConfig withOperationTimeoutMs(long timeoutMs) {
    return new ClientConfig(masters, Math.min(rpcTimeoutMs, timeoutMs), timeoutMs,
        locationCacheMs, staleReads, staleFallbackMs);
  }

  public ClientConfig withStaleReads(boolean stale) {
    return new ClientConfig(masters, rpcTimeoutMs, operationTimeoutMs, locationCacheMs, stale,
        staleFallbackMs);
  }

  /** Negative: a read never falls back to a master that is not the leader. */
  public ClientConfig withStaleFallbackMs(long fallbackMs) {
    return new ClientConfig(masters, rpcTimeoutMs, operationTimeoutMs, locationCacheMs, staleReads,
        fallbackMs);
  }
}
