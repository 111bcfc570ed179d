package gfs.bench;

import gfs.shell.bench.ProcessMemory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** HDFS in its child JVM ({@link HdfsChildProcess}), reached through Hadoop's FileSystem API. */
final class HdfsSystem implements SystemUnderTest {
  private static final long RESTART_TIMEOUT_MS = 600_000;
  private static final long POLL_INTERVAL_MS = 20;

  private final HdfsChildProcess child;
  private final PrintStream progress;
  private final Configuration clientConf = new Configuration();

  private HdfsSystem(HdfsChildProcess child, PrintStream progress) {
    this.child = child;
    this.progress = progress;
  }

  static HdfsSystem start(Path dir, String heap, PrintStream progress) throws Exception {
    return new HdfsSystem(HdfsChildProcess.start(dir, 3, heap, progress), progress);
  }

  @Override
  public SystemName name() {
    return SystemName.HDFS;
  }

  @Override
  public BenchClient newClient() throws Exception {
    return HdfsBenchClient.connect(child.uri(), clientConf);
  }

  /** The child JVM holds the NameNode and the three DataNodes: its heap is all of theirs. */
  @Override
  public ProcessMemory metadataMemory() throws Exception {
    return ProcessMemory.of(child.pid());
  }

  /**
   * Restarts the NameNode inside the child JVM (no JVM start, unlike gfs's masters: say so
   * in the report), timed from the moment the old one has stopped.
   */
  @Override
  public RestartTiming restartMetadata(String statPath, String createDir) throws Exception {
    child.requestNameNodeRestart();
    child.awaitNameNodeStopped(RESTART_TIMEOUT_MS);
    long stopped = System.nanoTime();
    long deadline = stopped + TimeUnit.MILLISECONDS.toNanos(RESTART_TIMEOUT_MS);
    String lastError = "no answer";
    long firstStat = 0;
    long firstCreate = 0;
    try (FileSystem probe = FileSystem.newInstance(child.uri(), probingConf())) {
      for (int attempt = 0; firstCreate == 0 && System.nanoTime() < deadline; attempt++) {
        try {
          if (firstStat == 0) {
            probe.getFileStatus(new org.apache.hadoop.fs.Path(statPath));
            firstStat = System.nanoTime();
          }
          probe.create(new org.apache.hadoop.fs.Path(createDir + "/after-restart-" + attempt),
              false).close();
          firstCreate = System.nanoTime();
        } catch (Exception e) {
          lastError = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
          Thread.sleep(POLL_INTERVAL_MS);
        }
      }
    }
    long insideMs = child.awaitNameNodeRestarted(RESTART_TIMEOUT_MS);
    if (firstCreate == 0) {
      throw new IllegalStateException("the restarted NameNode did not serve a stat and a create"
          + " within " + RESTART_TIMEOUT_MS / 1000 + " s (last error: " + lastError + ")");
    }
    progress.printf("bench: HDFS NameNode restarted: first stat after %d ms, first create after"
        + " %d ms (MiniDFSCluster.restartNameNode took %d ms in the child)%n",
        TimeUnit.NANOSECONDS.toMillis(firstStat - stopped),
        TimeUnit.NANOSECONDS.toMillis(firstCreate - stopped), insideMs);
    return new RestartTiming(TimeUnit.NANOSECONDS.toMillis(firstStat - stopped),
        TimeUnit.NANOSECONDS.toMillis(firstCreate - stopped));
  }

  /** A client that fails at once while the NameNode is down, so the poll sees when it is back. */
  private static Configuration probingConf() {
    Configuration conf = new Configuration();
    conf.setInt("ipc.client.connect.max.retries", 0);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    conf.setInt("ipc.client.connect.retry.interval", (int) POLL_INTERVAL_MS);
    conf.setInt("ipc.client.connect.timeout", 1_000);
    conf.setBoolean("dfs.client.retry.policy.enabled", false);
    return conf;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  @Override
  public Optional<String> failoverNotApplicable() {
    return Optional.of("one NameNode without HA: nothing takes over when it dies");
  }

  @Override
  public List<Long> failover(int kills, String createDir) {
    throw new UnsupportedOperationException(failoverNotApplicable().orElseThrow());
  }

  @Override
  public void close() throws Exception {
    child.close();
  }
}
