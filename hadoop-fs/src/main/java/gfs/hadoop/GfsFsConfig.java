package gfs.hadoop;

import gfs.client.ClientConfig;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The client configuration a gfs:// URI stands for, from its authority and the Hadoop
 * Configuration. The authority is either the masters themselves ("host:port,host:port") or a
 * cluster name whose masters are in fs.gfs.cluster.NAME.masters. A cluster name is what to use
 * where paths travel in comma-separated lists (FileInputFormat, Spark's textFile), since a comma
 * in the authority would split such a list.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>fs.gfs.cluster.NAME.masters</td><td>-</td><td>host:port,... of cluster NAME's masters</td></tr>
 *   <tr><td>fs.gfs.rpc.timeout.ms</td><td>10000</td><td>deadline of one RPC</td></tr>
 *   <tr><td>fs.gfs.operation.timeout.ms</td><td>30000</td><td>bound on one operation with its retries and failovers</td></tr>
 *   <tr><td>fs.gfs.location.cache.ms</td><td>60000</td><td>how long chunk locations stay cached</td></tr>
 *   <tr><td>fs.gfs.stale.reads</td><td>false</td><td>let followers and shadows answer metadata reads</td></tr>
 *   <tr><td>fs.gfs.stale.fallback.ms</td><td>3000</td><td>fall back to any master after this long without a leader (negative: never)</td></tr>
 *   <tr><td>fs.gfs.snapshot.root</td><td>/.snapshots</td><td>where createSnapshot puts snapshots (see {@link SnapshotPaths})</td></tr>
 *   <tr><td>fs.gfs.buffer.bytes</td><td>4194304</td><td>read-ahead and write buffer of a stream</td></tr>
 * </table>
 */
public record GfsFsConfig(ClientConfig client, String snapshotRoot, int bufferBytes) {
  public static final String SCHEME = "gfs";
  public static final String PREFIX = "fs.gfs.";
  public static final String SNAPSHOT_ROOT = PREFIX + "snapshot.root";
  public static final String BUFFER_BYTES = PREFIX + "buffer.bytes";
  public static final int DEFAULT_BUFFER_BYTES = 4 << 20;

  /** The key holding the masters of cluster name. */
  public static String mastersKey(String clusterName) {
    return PREFIX + "cluster." + clusterName + ".masters";
  }

  public static GfsFsConfig resolve(URI uri, Configuration conf) {
    String authority = uri.getAuthority();
    if (authority == null || authority.isBlank()) {
      throw new IllegalArgumentException("gfs URI " + uri + " has no authority: use"
          + " gfs://host:port,host:port/... (the masters) or gfs://NAME/... with "
          + mastersKey("NAME") + " set");
    }
    ClientConfig client = new ClientConfig(masters(authority, conf),
        conf.getLong(PREFIX + "rpc.timeout.ms", ClientConfig.DEFAULT_RPC_TIMEOUT_MS),
        conf.getLong(PREFIX + "operation.timeout.ms", ClientConfig.DEFAULT_OPERATION_TIMEOUT_MS),
        conf.getLong(PREFIX + "location.cache.ms", ClientConfig.DEFAULT_LOCATION_CACHE_MS),
        conf.getBoolean(PREFIX + "stale.reads", false),
        conf.getLong(PREFIX + "stale.fallback.ms", ClientConfig.DEFAULT_STALE_FALLBACK_MS));
    String snapshotRoot = conf.getTrimmed(SNAPSHOT_ROOT, SnapshotPaths.DEFAULT_ROOT);
    int bufferBytes = conf.getInt(BUFFER_BYTES, DEFAULT_BUFFER_BYTES);
    if (bufferBytes <= 0) {
      throw new IllegalArgumentException(BUFFER_BYTES + " = " + bufferBytes + " is not positive");
    }
    return new GfsFsConfig(client, snapshotRoot, bufferBytes);
  }

  /**
   * The masters an authority names: itself when it has a port (a master address), else the
   * cluster name's masters key, which must be set.
   */
  static List<String> masters(String authority, Configuration conf) {
    if (authority.contains(":")) {
      return split(authority);
    }
    String key = mastersKey(authority);
    String masters = conf.getTrimmed(key, "");
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("gfs cluster '" + authority + "' is unknown: set " + key
          + " to its masters (host:port,...), or name the masters in the URI"
          + " (gfs://host:port,host:port/)");
    }
    return split(masters);
  }

  private static List<String> split(String masters) {
    return Arrays.stream(masters.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
