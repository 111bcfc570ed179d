package gfs.shell.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stops servers: SIGTERM to all at once, SIGKILL to those still running after the grace time. */
final class ProcessStopper {
  static final long GRACE_MS = 10_000;
  private static final long KILL_WAIT_MS = 5_000;

  private ProcessStopper() {}

  /** Stops every process; returns the names of those that had to be killed. */
  static List<String> stop(Map<String, ProcessHandle> processes, long graceMs) {
    processes.values().forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
    List<String> killed = new ArrayList<>();
    for (Map.Entry<String, ProcessHandle> entry : processes.entrySet()) {
      ProcessHandle process = entry.getValue();
      long leftNs = deadline - System.nanoTime();
      if (!awaitExit(process, Math.max(0, leftNs))) {
        process.destroyForcibly();
        awaitExit(process, TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MS));
        killed.add(entry.getKey());
      }
    }
    return killed;
  }

  private static boolean awaitExit(ProcessHandle process, long timeoutNs) {
    try {
      process.onExit().get(timeoutNs, TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
