package gfs.shell.local;

import gfs.shell.CommandFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Owns the server processes ./gfs local started: starts them with pid files, notices when
 * one dies, and stops them all (also from a shutdown hook, so Ctrl-C stops the cluster).
 */
final class Supervisor {
  private final LocalLayout layout;
  private final DaemonLauncher launcher;
  private final PrintStream err;
  /** Guarded by itself: the shutdown hook may stop while the main thread still starts. */
  private final Map<LocalNode, Process> processes = new LinkedHashMap<>();
  private final Thread shutdownHook;
  private volatile boolean stopping;

  Supervisor(LocalLayout layout, DaemonLauncher launcher, PrintStream err) {
    this.layout = layout;
    this.launcher = launcher;
    this.err = err;
    this.shutdownHook = new Thread(this::stopOnShutdown, "gfs-local-stop");
  }

  /** Starts every server, masters first; the shutdown hook is in place before the first. */
  void startAll() throws IOException {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    for (LocalNode node : layout.nodes()) {
      synchronized (processes) {
        if (stopping) {
          return;
        }
        Process process = launcher.start(node);
        processes.put(node, process);
        PidFiles.write(node.pidFile(), process.pid());
      }
    }
  }

  Map<LocalNode, Process> processes() {
    synchronized (processes) {
      return new LinkedHashMap<>(processes);
    }
  }

  /** Fails, with the tail of its log, if a server exited while the cluster was coming up. */
  void checkAlive(int logTailLines) throws CommandFailedException {
    for (Map.Entry<LocalNode, Process> entry : processes().entrySet()) {
      Process process = entry.getValue();
      if (!process.isAlive()) {
        LocalNode node = entry.getKey();
        List<String> detail = new ArrayList<>();
        detail.add("--- last lines of " + node.logFile() + " ---");
        detail.addAll(LogTail.lines(node.logFile(), logTailLines));
        throw new CommandFailedException(node.name() + " (pid " + process.pid()
            + ") exited during startup with code " + process.exitValue() + "; see "
            + node.logFile(), detail);
      }
    }
  }

  /** Leaves the servers running after this JVM exits (--detach). */
  void detach() {
    removeShutdownHook();
  }

  /** Stops every server now (startup failed); they are gone when this returns. */
  void stopAll() {
    removeShutdownHook();
    stop();
  }

  /**
   * Blocks until every server has exited (stopped by Ctrl-C, by ./gfs local --stop, or
   * dying on its own), reporting each unexpected exit as it happens.
   */
  void awaitAllExited() {
    List<CompletableFuture<Process>> exits = new ArrayList<>();
    for (Map.Entry<LocalNode, Process> entry : processes().entrySet()) {
      LocalNode node = entry.getKey();
      exits.add(entry.getValue().onExit().whenComplete((process, failure) -> {
        if (!stopping && process != null) {
          err.println("gfs local: " + node.name() + " (pid " + process.pid() + ") exited with code "
              + process.exitValue() + "; see " + node.logFile());
        }
      }));
    }
    CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0])).join();
    if (!stopping) {
      processes().keySet().forEach(node -> PidFiles.delete(node.pidFile()));
      err.println("gfs local: every server of " + layout.dir() + " has exited");
    }
  }

  private void stopOnShutdown() {
    if (processes().values().stream().anyMatch(Process::isAlive)) {
      err.println("gfs local: stopping the cluster in " + layout.dir() + " ...");
    }
    stop();
  }

  private void stop() {
    Map<String, ProcessHandle> handles = new LinkedHashMap<>();
    Map<LocalNode, Process> snapshot;
    synchronized (processes) {
      stopping = true;
      snapshot = new LinkedHashMap<>(processes);
    }
    snapshot.forEach((node, process) -> handles.put(node.name(), process.toHandle()));
    List<String> killed = ProcessStopper.stop(handles, ProcessStopper.GRACE_MS);
    for (String name : killed) {
      err.println("gfs local: " + name + " did not stop within " + ProcessStopper.GRACE_MS / 1000
          + " s of SIGTERM and was killed");
    }
    snapshot.keySet().forEach(node -> PidFiles.delete(node.pidFile()));
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs (or ran) and stops the servers.
    }
  }
}
