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
 *   <tr><td>client.stale.reads</td><td>false</td><td>allow shadows (read-only masters) to answer metadata reads</td></tr>
 * </table>
 */
public record ClientConfig(
    List<String> masters,
    long rpcTimeoutMs,
    long operationTimeoutMs,
    long locationCacheMs,
    boolean staleReads) {

  public static final long DEFAULT_RPC_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_OPERATION_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_LOCATION_CACHE_MS = 60_000;

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
        config.getBoolean("client.stale.reads", false));
  }

  public ClientConfig withOperationTimeoutMs(long timeoutMs) {
    return new ClientConfig(masters, Math.min(rpcTimeoutMs, timeoutMs), timeoutMs,
        locationCacheMs, staleReads);
  }

  public ClientConfig withStaleReads(boolean stale) {
    return new ClientConfig(masters, rpcTimeoutMs, operationTimeoutMs, locationCacheMs, stale);
  }
}
