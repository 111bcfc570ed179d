package gfs.shell.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server processes of a cluster made by ./gfs local, found through its directory:
 * D/NAME/master.properties (or chunkserver.properties), D/NAME.pid, D/NAME.log. Lets the
 * benchmark measure, kill, stop and start one master the way ./gfs local runs it.
 */
public final class LocalServers {
  private static final long STOP_GRACE_MS = 20_000;
  private static final long EXIT_WAIT_MS = 10_000;

  private final Path dir;
  private final GfsScript script;

  private LocalServers(Path dir, GfsScript script) {
    this.dir = dir;
    this.script = script;
  }

  /** The local cluster whose client.conf this is, if it is one (has ./gfs local's files). */
  public static Optional<LocalServers> forClientConf(Path clientConf, GfsScript script)
      throws IOException {
    if (clientConf == null) {
      return Optional.empty();
    }
    Path parent = clientConf.toAbsolutePath().getParent();
    if (parent == null || !Files.isRegularFile(parent.resolve("cluster.properties"))) {
      return Optional.empty();
    }
    return Optional.of(new LocalServers(parent.toRealPath(), script));
  }

  public Path dir() {
    return dir;
  }

  /** Names of the masters (voting peers and shadows): every D/NAME holding a master.properties. */
  public List<String> masterNames() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry.resolve("master.properties"))) {
          names.add(entry.getFileName().toString());
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** The live process of server name, from its pid file. */
  public Optional<ProcessHandle> process(String name) {
    try {
      Path pidFile = dir.resolve(name + ".pid");
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
      String marker = dir.resolve(name) + "/";
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(h -> commandLine(h).map(line -> line.contains(marker)).orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The whole command line, from /proc/PID/cmdline: ProcessHandle.Info cuts it at 4 KB on
   * Linux, and the servers ./gfs local starts carry a class path about that long, so the
   * marker at the end was cut off and every such server taken for a stranger (as PidFiles
   * of ./gfs local already found).
   */
  private static Optional<String> commandLine(ProcessHandle handle) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
      return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
    } catch (IOException | RuntimeException e) {
      return handle.info().commandLine();
    }
  }

  /** SIGKILL, then waits for the process to be gone; false when it was not running. */
  public boolean kill(String name) throws InterruptedException {
    Optional<ProcessHandle> process = process(name);
    if (process.isEmpty()) {
      return false;
    }
    process.get().destroyForcibly();
    awaitExit(process.get(), EXIT_WAIT_MS);
    return true;
  }

  /** SIGTERM (SIGKILL after a grace time), waiting for the process to be gone. */
  public void stop(String name) throws InterruptedException {
    Optional<ProcessHandle> process = process(name);
    if (process.isEmpty()) {
      return;
    }
    process.get().destroy();
    if (!awaitExit(process.get(), STOP_GRACE_MS)) {
      process.get().destroyForcibly();
      awaitExit(process.get(), EXIT_WAIT_MS);
    }
  }

  /** Starts master name as ./gfs local does, with its pid file; does not wait for it to serve. */
  public long startMaster(String name) throws IOException {
    if (process(name).isPresent()) {
      throw new IOException(name + " is already running");
    }
    Process process = script.startServer("master", dir.resolve(name).resolve("master.properties"),
        dir.resolve(name + ".log"), dir);
    Files.writeString(dir.resolve(name + ".pid"), process.pid() + "\n", StandardCharsets.UTF_8);
    return process.pid();
  }

  private static boolean awaitExit(ProcessHandle process, long timeoutMs)
      throws InterruptedException {
    try {
      process.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return !process.isAlive();
    }
  }
}
