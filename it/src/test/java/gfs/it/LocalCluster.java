package gfs.it;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A whole gfs cluster started the way an operator starts one: `./gfs local --detach`, each
 * master and chunkserver its own OS process, found again through its NAME.pid file.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final Path gfsHome;
  private final List<String> startArgs;

  private LocalCluster(Path dir, List<String> startArgs) {
    this.dir = dir;
    this.gfsHome = dir.resolveSibling(dir.getFileName() + "-gfs-home");
    this.startArgs = startArgs;
  }

  /** Starts a cluster in dir with small chunks so that tests cross chunk boundaries. */
  public static LocalCluster start(Path dir, int chunkservers, String chunkSize) throws Exception {
    LocalCluster cluster = new LocalCluster(dir, List.of("local", "--dir", dir.toString(), "--masters", "3",
        "--chunkservers", String.valueOf(chunkservers), "--racks", "2", "--chunk-size", chunkSize, "--detach"));
    cluster.startAgain();
    return cluster;
  }

  /** Starts (or resumes, on the same directory) every server. */
  public void startAgain() throws Exception {
    Files.createDirectories(gfsHome);
    GfsCommand.Result result = GfsCommand.run(env(), null, 180_000, startArgs.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new AssertionError("./gfs local failed: " + result);
    }
  }

  public Map<String, String> env() {
    return Map.of("GFS_CONF", clientConf().toString(), "GFS_HOME", gfsHome.toString());
  }

  public Path clientConf() {
    return dir.resolve("client.conf");
  }

  public GfsClient client() throws IOException {
    return GfsClient.connect(ClientConfig.load(clientConf()));
  }

  public GfsCommand.Result gfs(String... args) throws Exception {
    return GfsCommand.run(env(), null, 120_000, args);
  }

  public GfsCommand.Result gfsWithInput(byte[] stdin, String... args) throws Exception {
    return GfsCommand.run(env(), stdin, 120_000, args);
  }

  public long pid(String name) throws IOException {
    return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim());
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public void kill(String name) throws Exception {
    long pid = pid(name);
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      handle.get().destroyForcibly();
      handle.get().onExit().get(30, TimeUnit.SECONDS);
    }
  }

  /** The masters' names in the given Raft role (LEADER, FOLLOWER), as the cluster reports them. */
  public List<String> masters(String role) throws Exception {
    try (GfsClient client = client()) {
      List<String> names = new ArrayList<>();
      for (ClusterView.Master master : client.clusterStatus().masters()) {
        if (master.role().equals(role)) {
          names.add(master.id());
        }
      }
      return names;
    }
  }

  public void stop() throws Exception {
    GfsCommand.run(env(), null, 120_000, "local", "--stop", "--dir", dir.toString());
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
