package gfs.bench;

import gfs.client.ClientConfig;
import gfs.shell.bench.ClusterWaits;
import gfs.shell.bench.FailoverProbe;
import gfs.shell.bench.GfsScript;
import gfs.shell.bench.LocalServers;
import gfs.shell.bench.ProcessMemory;
import gfs.shell.bench.RestartProbe;
import gfs.shell.bench.TemporaryCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * gfs as `./gfs local --detach --masters 3 --shadows 0 --chunkservers 3` starts it (every
 * server a JVM of its own, replication 3), reached through GfsClient; restart and failover
 * through the shell's probes, on the local cluster's pid files.
 */
final class GfsSystem implements SystemUnderTest {
  private static final long STABLE_TIMEOUT_MS = 120_000;

  private final TemporaryCluster cluster;
  private final LocalServers servers;
  private final ClientConfig config;
  private final PrintStream progress;

  private GfsSystem(TemporaryCluster cluster, LocalServers servers, ClientConfig config,
      PrintStream progress) {
    this.cluster = cluster;
    this.servers = servers;
    this.config = config;
    this.progress = progress;
  }

  static GfsSystem start(PrintStream progress) throws Exception {
    GfsScript script = GfsScript.locate();
    TemporaryCluster cluster = TemporaryCluster.start(script, progress,
        List.of("--masters", "3", "--shadows", "0", "--chunkservers", "3"));
    try {
      LocalServers servers = LocalServers.forClientConf(cluster.clientConf(), script)
          .orElseThrow(() -> new IOException("no ./gfs local files next to "
              + cluster.clientConf()));
      ClientConfig config = ClientConfig.load(cluster.clientConf());
      ClusterWaits.stableLeader(config, STABLE_TIMEOUT_MS);
      return new GfsSystem(cluster, servers, config, progress);
    } catch (Exception e) {
      cluster.keepFiles();
      cluster.close();
      throw e;
    }
  }

  @Override
  public SystemName name() {
    return SystemName.GFS;
  }

  @Override
  public BenchClient newClient() {
    return new GfsBenchClient(config);
  }

  /** The leader's: the master that serves the clients. */
  @Override
  public ProcessMemory metadataMemory() throws Exception {
    String leader = ClusterWaits.stableLeader(config, STABLE_TIMEOUT_MS);
    long pid = servers.process(leader)
        .orElseThrow(() -> new IOException("leader " + leader + " has no live process"))
        .pid();
    return ProcessMemory.of(pid);
  }

  /** All three masters stopped and launched again (JVM start included), as RestartProbe does. */
  @Override
  public RestartTiming restartMetadata(String statPath, String createDir) throws Exception {
    RestartProbe.Result result = RestartProbe.measure(servers, config, statPath, createDir,
        progress);
    progress.printf("bench: gfs masters restarted: first stat by the leader after %d ms,"
        + " first create after %d ms%n", result.firstStatMs(), result.firstCreateMs());
    return new RestartTiming(result.firstStatMs(), result.firstCreateMs());
  }

  @Override
  public Optional<String> failoverNotApplicable() {
    return Optional.empty();
  }

  @Override
  public List<Long> failover(int kills, String createDir) throws Exception {
    return FailoverProbe.measure(servers, config, kills, createDir, progress).samplesMs();
  }

  /** Leaves the cluster's logs in place (a phase failed). */
  void keepFiles() {
    cluster.keepFiles();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
