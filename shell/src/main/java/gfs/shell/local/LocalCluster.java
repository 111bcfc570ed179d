package gfs.shell.local;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.ClusterDiscovery;
import gfs.shell.CommandFailedException;
import gfs.shell.ShellContext;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A whole gfs cluster on this machine, each server its own process, all files under one
 * directory: start (new or resumed), wait until it serves, report, supervise or detach; stop.
 */
public final class LocalCluster {
  public static final long DEFAULT_READY_TIMEOUT_MS = 60_000;
  private static final long POLL_INTERVAL_MS = 500;
  private static final long POLL_RPC_TIMEOUT_MS = 2_000;
  private static final long POLL_OPERATION_TIMEOUT_MS = 3_000;
  private static final int LOG_TAIL_LINES = 15;
  private static final int MAX_LOGS_SHOWN = 3;
  private static final String LOCK_FILE = ".lock";
  /** What ./gfs local itself puts in its directory. */
  private static final Pattern OWN_FILE = Pattern.compile(
      "((master|shadow|chunkserver)-\\d+(\\.log|\\.pid)?|client\\.conf|cluster\\.properties|\\.lock"
          + "|.*\\.partial)");

  /** What `./gfs local` was asked for; a null shape flag was not given. */
  public record StartRequest(Path dir, Integer masters, Integer shadows, Integer chunkservers,
      Integer racks, Long chunkSizeBytes, Map<String, String> settings, boolean detach,
      long readyTimeoutMs) {}

  private final ShellContext context;
  private final Output out;

  public LocalCluster(ShellContext context, Output out) {
    this.context = context;
    this.out = out;
  }

  public void start(StartRequest request) throws Exception {
    // Bad flags are refused before anything is created, whether or not the cluster exists.
    ClusterShape requested = ClusterShape.fromFlags(request.masters(), request.shadows(),
        request.chunkservers(), request.racks(), request.chunkSizeBytes());
    if (Files.isDirectory(request.dir())
        && !Files.exists(request.dir().resolve(ClusterShape.FILE))) {
      checkHoldsNothingElse(request.dir());
    }
    Files.createDirectories(request.dir());
    Path dir = request.dir().toRealPath();
    refuseIfRunning(dir);
    try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = lockDirectory(lockChannel, dir)) {
      refuseIfRunning(dir); // again: another ./gfs local may have started it meanwhile
      LocalLayout layout = prepareLayout(dir, request, requested);
      DaemonLauncher launcher = DaemonLauncher.fromCurrentJvm(context.env("GFS_HEAP"));
      Supervisor supervisor = new Supervisor(layout, launcher, context.err());
      ClusterView view;
      try {
        supervisor.startAll();
        context.err().println("gfs local: started " + layout.nodes().size() + " servers in " + dir
            + "; waiting for a master leader, " + count(layout.shadows().size(), "shadow")
            + " and " + count(layout.chunkservers().size(), "live chunkserver") + " (up to "
            + request.readyTimeoutMs() / 1000 + " s)");
        view = awaitReady(layout, supervisor, request.readyTimeoutMs());
      } catch (Exception | Error e) {
        supervisor.stopAll();
        throw e;
      }
      rememberAsLast(layout);
      report(layout, supervisor, view, request.detach());
      if (request.detach()) {
        supervisor.detach();
        return;
      }
      supervisor.awaitAllExited();
    }
  }

  /** Stops the cluster in dir from its pid files; fine if nothing runs there. */
  public void stop(Path requestedDir) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    if (!Files.isDirectory(requestedDir)) {
      result.put("dir", requestedDir.toAbsolutePath().toString());
      result.put("stopped", List.of());
      print(result, "no local cluster in " + requestedDir.toAbsolutePath() + " (no such directory)");
      return;
    }
    Path dir = requestedDir.toRealPath();
    Map<String, ProcessHandle> running = liveServers(dir);
    result.put("dir", dir.toString());
    List<Object> stopped = new ArrayList<>();
    running.forEach((name, handle) -> stopped.add(Map.of("name", name, "pid", handle.pid())));
    result.put("stopped", stopped);
    if (running.isEmpty()) {
      deletePidFiles(dir);
      print(result, "no local cluster running in " + dir);
      return;
    }
    context.err().println("gfs local: stopping " + describe(running) + " ...");
    List<String> killed = ProcessStopper.stop(running, ProcessStopper.GRACE_MS);
    deletePidFiles(dir);
    result.put("killed", killed);
    print(result, "stopped " + running.size() + (running.size() == 1 ? " server" : " servers")
        + " in " + dir
        + (killed.isEmpty() ? "" : " (killed after " + ProcessStopper.GRACE_MS / 1000
            + " s: " + String.join(", ", killed) + ")"));
  }

  private LocalLayout prepareLayout(Path dir, StartRequest request, ClusterShape requested)
      throws Exception {
    Optional<ClusterShape> existing = ClusterShape.load(dir);
    if (existing.isPresent()) {
      List<String> conflicts = existing.get().conflicts(request.masters(), request.shadows(),
          request.chunkservers(), request.racks(), request.chunkSizeBytes());
      if (!conflicts.isEmpty()) {
        throw new UsageException("the local cluster in " + dir + " was made differently: "
            + String.join(", ", conflicts) + "; leave these flags out to resume it, or use another"
            + " --dir");
      }
      LocalLayout layout = LocalLayout.load(dir, existing.get());
      checkPortsFree(layout);
      layout.applySettings(request.settings());
      layout.writeClientConf();
      deletePidFiles(dir);
      return layout;
    }
    LocalLayout layout = LocalLayout.plan(dir, requested,
        FreePorts.allocate(LocalLayout.portsNeeded(requested)));
    layout.writeNew(request.settings());
    deletePidFiles(dir);
    return layout;
  }

  private ClusterView awaitReady(LocalLayout layout, Supervisor supervisor, long timeoutMs)
      throws Exception {
    // One poll never outlasts the whole wait.
    long pollTimeoutMs = Math.min(POLL_OPERATION_TIMEOUT_MS, timeoutMs);
    ClientConfig config = new ClientConfig(List.of(layout.masterAddresses().split(",")),
        Math.min(POLL_RPC_TIMEOUT_MS, pollTimeoutMs), pollTimeoutMs,
        ClientConfig.DEFAULT_LOCATION_CACHE_MS, false);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try (GfsClient client = GfsClient.connect(config)) {
      while (true) {
        supervisor.checkAlive(LOG_TAIL_LINES);
        List<Readiness.Problem> problems;
        ClusterView view = null;
        try {
          view = client.clusterStatus();
          problems = Readiness.problems(view, layout);
        } catch (GfsException e) {
          problems = Readiness.unreachable(layout, e.getMessage());
        }
        if (problems.isEmpty()) {
          return view;
        }
        if (System.nanoTime() >= deadline) {
          throw notReady(layout, problems, timeoutMs);
        }
        Thread.sleep(POLL_INTERVAL_MS);
      }
    }
  }

  private static CommandFailedException notReady(LocalLayout layout,
      List<Readiness.Problem> problems, long timeoutMs) {
    Set<String> texts = new LinkedHashSet<>();
    Set<String> nodes = new LinkedHashSet<>();
    problems.forEach(p -> {
      texts.add(p.text());
      nodes.add(p.node());
    });
    List<String> detail = new ArrayList<>();
    int shown = 0;
    for (LocalNode node : layout.nodes()) {
      if (nodes.contains(node.name()) && shown++ < MAX_LOGS_SHOWN) {
        detail.add("--- last lines of " + node.logFile() + " ---");
        detail.addAll(LogTail.lines(node.logFile(), LOG_TAIL_LINES));
      }
    }
    return new CommandFailedException("local cluster in " + layout.dir() + " not ready after "
        + timeoutMs / 1000 + " s: " + String.join("; ", texts) + "; it was stopped", detail);
  }

  private void report(LocalLayout layout, Supervisor supervisor, ClusterView view, boolean detach) {
    Map<LocalNode, Process> processes = supervisor.processes();
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("dir", layout.dir().toString());
      result.put("leader", view.leaderId());
      result.put("client_conf", layout.clientConf().toString());
      result.put("detached", detach);
      List<Object> servers = new ArrayList<>();
      processes.forEach((node, process) -> {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", node.name());
        server.put("role", node.role().label());
        server.put("pid", process.pid());
        server.put("address", node.address());
        server.put("raft_port", node.raftPort() == 0 ? null : node.raftPort());
        server.put("metrics_address", node.metricsPort() == 0 ? null : node.host() + ":" + node.metricsPort());
        server.put("rack", node.rack());
        server.put("config", node.configFile().toString());
        server.put("data_dir", node.dataDir().toString());
        server.put("log", node.logFile().toString());
        servers.add(server);
      });
      result.put("servers", servers);
      out.json(result);
      out.stream().flush();
      return;
    }
    out.line("local gfs cluster up in " + layout.dir() + " (leader " + view.leaderId() + ")");
    Table table = new Table().left("NAME").right("PID").left("ADDRESS").right("RAFT").right("METRICS")
        .left("RACK").left("DATA").left("LOG");
    processes.forEach((node, process) -> table.row(node.name(), process.pid(), node.address(),
        node.raftPort() == 0 ? "-" : node.raftPort(), node.metricsPort() == 0 ? "-" : node.metricsPort(),
        node.rack(), node.dataDir(), node.logFile()));
    out.table(table);
    out.line("client config: " + layout.clientConf());
    out.line("  export GFS_CONF=" + layout.clientConf());
    out.line(detach
        ? "running in the background; stop it with: ./gfs local --stop --dir " + layout.dir()
        : "Ctrl-C stops the cluster");
    out.stream().flush();
  }

  /** Client commands without --conf talk to this cluster from now on. */
  private void rememberAsLast(LocalLayout layout) throws IOException {
    Path home = context.gfsHome();
    Files.createDirectories(home);
    Files.writeString(home.resolve(ClusterDiscovery.LAST_LOCAL), layout.clientConf() + "\n",
        StandardCharsets.UTF_8);
  }

  /** The servers of the cluster in dir that run now, by name, from their pid files. */
  static Map<String, ProcessHandle> liveServers(Path dir) throws IOException {
    Map<String, ProcessHandle> live = new LinkedHashMap<>();
    for (Path pidFile : pidFiles(dir)) {
      String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
      String marker = dir.resolve(name) + "/";
      PidFiles.live(pidFile, marker).ifPresent(handle -> live.put(name, handle));
    }
    return live;
  }

  private static List<Path> pidFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.pid")) {
      stream.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private static void deletePidFiles(Path dir) throws IOException {
    pidFiles(dir).forEach(PidFiles::delete);
  }

  private static void checkPortsFree(LocalLayout layout) throws CommandFailedException {
    for (LocalNode node : layout.nodes()) {
      for (int port : new int[] {node.port(), node.raftPort(), node.metricsPort()}) {
        if (port == 0) {
          continue;  // a port the node does not have
        }
        if (!FreePorts.isFree(node.host(), port)) {
          throw new CommandFailedException("cannot start " + node.name() + ": port " + node.host()
              + ":" + port + " (from " + node.configFile() + ") is in use by another process");
        }
      }
    }
  }

  /** Refuses to scatter servers into a directory that holds something else. */
  private static void checkHoldsNothingElse(Path dir) throws IOException, UsageException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        if (!OWN_FILE.matcher(entry.getFileName().toString()).matches()) {
          throw new UsageException(dir + " is not empty and holds no local gfs cluster (found "
              + entry.getFileName() + "); choose another --dir");
        }
      }
    }
  }

  private static void refuseIfRunning(Path dir) throws IOException, CommandFailedException {
    Map<String, ProcessHandle> running = liveServers(dir);
    if (!running.isEmpty()) {
      throw new CommandFailedException("cluster in " + dir + " is already running ("
          + describe(running) + "); stop it with ./gfs local --stop --dir " + dir);
    }
  }

  /**
   * Held while this ./gfs local starts (and, in the foreground, supervises) the cluster, so
   * two of them never start one directory's servers at once.
   */
  private static FileLock lockDirectory(FileChannel channel, Path dir) throws IOException,
      CommandFailedException {
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // Held by this JVM: fall through to the same refusal.
    }
    throw new CommandFailedException("cluster in " + dir + " is already running or starting"
        + " (another ./gfs local holds " + dir.resolve(LOCK_FILE) + ")");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String describe(Map<String, ProcessHandle> servers) {
    List<String> parts = new ArrayList<>();
    servers.forEach((name, handle) -> parts.add(name + " pid " + handle.pid()));
    return String.join(", ", parts);
  }

  private void print(Map<String, Object> json, String text) {
    if (out.json()) {
      out.json(json);
    } else {
      out.line(text);
    }
  }
}
