package gfs.it;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole gfs cluster started the way an operator starts one: `./gfs local --detach`, each
 * master and chunkserver its own OS process, found again through its NAME.pid file.
 */
public final class LocalCluster implements AutoCloseable {
  /** The line ./gfs local (or {@link #restart}) writes to NAME.log when it launches a server. */
  private static final Pattern START_MARKER = Pattern.compile("^=== (\\S+) ");

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
    return start(dir, chunkservers, chunkSize, Map.of());
  }

  /** As above, with settings (`--set KEY=VALUE`) written into every server's config. */
  public static LocalCluster start(Path dir, int chunkservers, String chunkSize,
      Map<String, String> settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("local", "--dir", dir.toString(), "--masters", "3",
        "--chunkservers", String.valueOf(chunkservers), "--racks", "2", "--chunk-size", chunkSize,
        "--detach"));
    settings.forEach((key, value) -> args.add("--set=" + key + "=" + value));
    LocalCluster cluster = new LocalCluster(dir, args);
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

  public Path dir() {
    return dir;
  }

  /** The file holding chunk handle on server's disk (D/NAME/data/chunks/%016x.chunk). */
  public Path chunkFile(String server, long handle) {
    return dir.resolve(server).resolve("data").resolve("chunks")
        .resolve(String.format(java.util.Locale.ROOT, "%016x", handle) + ".chunk");
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

  /**
   * Starts one server of the cluster again the way `./gfs local` runs it: `./gfs master|chunkserver
   * --config D/NAME/ROLE.properties` in its own session, output appended to D/NAME.log, pid in
   * D/NAME.pid (so `./gfs local --stop` stops it too). Returns without waiting for it to serve.
   */
  public long restart(String name) throws IOException {
    Path realDir = dir.toRealPath();
    // Masters and shadows have a master.properties, chunkservers a chunkserver.properties.
    String role = Files.isRegularFile(realDir.resolve(name).resolve("master.properties"))
        ? "master" : "chunkserver";
    Path config = realDir.resolve(name).resolve(role + ".properties");
    if (!Files.isRegularFile(config)) {
      throw new IOException("no server " + name + " in " + realDir + " (no " + config + ")");
    }
    Path log = realDir.resolve(name + ".log");
    Files.writeString(log, "=== " + Instant.now() + " test restarts " + name + System.lineSeparator(),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid"); // its own session, like ./gfs local's servers
    }
    command.add(GfsCommand.root().resolve("gfs").toString());
    command.addAll(List.of(role, "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(realDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true);
    builder.environment().putAll(env());
    Process process = builder.start();
    // setsid and the ./gfs script both exec: the pid is the server JVM's.
    Files.writeString(realDir.resolve(name + ".pid"), process.pid() + "\n", StandardCharsets.UTF_8);
    return process.pid();
  }

  /** SIGSTOP: the process keeps its sockets open but answers nothing until resumed. */
  public void pause(String name) throws Exception {
    signal(name, "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(String name) throws Exception {
    signal(name, "CONT");
  }

  private void signal(String name, String signal) throws Exception {
    long pid = pid(name);
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + pid + " (" + name + ") failed: "
          + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The id of the master leader, waiting (polling) up to timeoutMs for one to be elected. */
  public String awaitLeader(long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try {
        List<String> leaders = masters("LEADER");
        if (leaders.size() == 1) {
          return leaders.get(0);
        }
      } catch (IOException e) {
        // No master answers yet: keep polling.
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no master leader within " + timeoutMs + " ms");
      }
      Thread.sleep(200);
    }
  }

  /**
   * The lines of every server's log in which regex is found (at most max), each prefixed with
   * its log's name: what a failing test prints to tell what the servers did.
   */
  public String logLines(String regex, int max) throws IOException {
    Pattern pattern = Pattern.compile(regex);
    StringBuilder out = new StringBuilder();
    int count = 0;
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          if (pattern.matcher(line).find() && count++ < max) {
            out.append(log.getFileName()).append(": ").append(line).append(System.lineSeparator());
          }
        }
      }
    }
    if (count > max) {
      out.append("(").append(count - max).append(" more lines)").append(System.lineSeparator());
    }
    return out.toString();
  }

  /** When ./gfs local (or {@link #restart}) last launched the server, from the marker in its log. */
  public Instant lastLaunch(String name) throws IOException {
    Instant last = null;
    for (String line : Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.UTF_8)) {
      Matcher matcher = START_MARKER.matcher(line);
      if (matcher.find()) {
        last = Instant.parse(matcher.group(1));
      }
    }
    if (last == null) {
      throw new IOException(dir.resolve(name + ".log") + " has no start marker");
    }
    return last;
  }

  public void stop() throws Exception {
    GfsCommand.run(env(), null, 120_000, "local", "--stop", "--dir", dir.toString());
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
