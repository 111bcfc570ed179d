package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.shell.CommandFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time from start to serving of masters holding the benchmark's namespace: every master is
 * stopped (SIGTERM), all are launched again at once, and timed from the launch: the first stat
 * any master answers (a follower or shadow may, as a stale read), the first stat the leader
 * answers, and the first acknowledged create. JVM start-up is included: it is part of what an
 * operator waits for.
 */
public final class RestartProbe {
  private static final long SERVE_TIMEOUT_MS = 300_000;

  /** Milliseconds from launching the masters to the first stale stat, leader stat and create. */
  public record Result(int masters, long firstStaleStatMs, long firstStatMs, long firstCreateMs) {}

  private RestartProbe() {}

  public static Result measure(LocalServers servers, ClientConfig config, String statPath,
      String createDir, PrintStream progress)
      throws IOException, InterruptedException, CommandFailedException {
    List<String> masters = servers.masterNames();
    progress.println("bench: restart: stopping " + String.join(", ", masters));
    for (String name : masters) {
      servers.stop(name);
    }
    progress.println("bench: restart: launching " + masters.size() + " masters");
    long launched = System.nanoTime();
    for (String name : masters) {
      servers.startMaster(name);
    }
    long firstStaleStat = ClusterWaits.until(config.withStaleReads(true), SERVE_TIMEOUT_MS,
        "a stat by any master after the restart", client -> client.stat(statPath) != null);
    long firstStat = ClusterWaits.until(config.withStaleReads(false).withStaleFallbackMs(-1),
        SERVE_TIMEOUT_MS, "a stat by the leader after the restart",
        client -> client.stat(statPath) != null);
    int[] attempt = new int[1];
    long firstCreate = ClusterWaits.until(config, SERVE_TIMEOUT_MS, "a create after the restart",
        client -> client.create(createDir + "/after-restart-" + attempt[0]++) != null);
    return new Result(masters.size(), TimeUnit.NANOSECONDS.toMillis(firstStaleStat - launched),
        TimeUnit.NANOSECONDS.toMillis(firstStat - launched),
        TimeUnit.NANOSECONDS.toMillis(firstCreate - launched));
  }
}
