package gfs.hadoop;

import gfs.client.ClientConfig;
import gfs.it.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one real gfs cluster (separate processes on loopback, via ./gfs local) that every
 * end-to-end test class of this module's test JVM shares: the contract suites alone are a dozen
 * classes, and a cluster takes seconds to start. Started on first use, stopped by a shutdown hook
 * when the JVM ends. Chunks of 1 MB, so that tests cross chunk boundaries; 3 chunkservers on 2
 * racks.
 */
public final class TestCluster {
  public static final long CHUNK_SIZE_BYTES = 1 << 20;
  /** The cluster name tests use in gfs://NAME/ URIs (see {@link #configure}). */
  public static final String NAME = "test";
  private static LocalCluster cluster;
  private static String masters;

  private TestCluster() {}

  /** The masters' addresses, host:port,... (starting the cluster if it is not running). */
  public static synchronized String masters() throws Exception {
    if (cluster == null) {
      Path dir = Path.of("target", "gfs-cluster-" + ProcessHandle.current().pid()).toAbsolutePath();
      Files.createDirectories(dir.getParent());
      cluster = LocalCluster.start(dir, 3, "1MB");
      LocalCluster started = cluster;
      Thread stopper = new Thread(() -> {
        try {
          started.stop(); // bounded: ./gfs local --stop is given 120 s
        } catch (Exception e) {
          System.err.println("stopping the gfs test cluster in " + dir + " failed: " + e);
        }
      }, "gfs-test-cluster-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      masters = String.join(",", ClientConfig.load(cluster.clientConf()).masters());
    }
    return masters;
  }

  /** Sets fs.gfs.cluster.test.masters so that gfs://test/ reaches the cluster. */
  public static void configure(org.apache.hadoop.conf.Configuration conf) throws Exception {
    conf.set(GfsFsConfig.mastersKey(NAME), masters());
  }
}
