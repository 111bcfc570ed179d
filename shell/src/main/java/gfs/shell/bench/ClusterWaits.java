package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import java.util.concurrent.TimeUnit;

/** Polls a cluster until it is in a state the benchmark needs, each wait bounded. */
public final class ClusterWaits {
  /** Deadline of one probing call: a master that is not up yet must not hold the poll up. */
  static final long PROBE_TIMEOUT_MS = 500;
  private static final long POLL_INTERVAL_MS = 20;
  /** A follower this close to the leader's applied index counts as caught up. */
  private static final long CAUGHT_UP_ENTRIES = 100;

  private ClusterWaits() {}

  /** A client whose calls give up quickly, for polling; reads as stale as config allows. */
  static ClientConfig probing(ClientConfig config) {
    return new ClientConfig(config.masters(), PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS, 0,
        config.staleReads(), config.staleFallbackMs());
  }

  /** Something a poll tries; true when it succeeded. */
  interface Attempt {
    boolean tryOnce(GfsClient client) throws GfsException;
  }

  /**
   * Repeats attempt (each with a fresh probing client, so no connection backoff is carried
   * over) until it succeeds; returns the System.nanoTime() of that success.
   */
  static long until(ClientConfig config, long timeoutMs, String what, Attempt attempt)
      throws CommandFailedException, InterruptedException {
    ClientConfig probing = probing(config);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String lastError = "no answer";
    while (System.nanoTime() < deadline) {
      try (GfsClient client = GfsClient.connect(probing)) {
        if (attempt.tryOnce(client)) {
          return System.nanoTime();
        }
      } catch (GfsException e) {
        lastError = e.getMessage();
      }
      Thread.sleep(POLL_INTERVAL_MS);
    }
    throw new CommandFailedException(what + " did not happen within " + timeoutMs / 1000
        + " s (last error: " + lastError + ")");
  }

  /**
   * Waits until one leader leads, every voting master is up and each follower has applied
   * about what the leader has; returns the leader's id.
   */
  public static String stableLeader(ClientConfig config, long timeoutMs)
      throws CommandFailedException, InterruptedException {
    String[] leader = new String[1];
    until(config, timeoutMs, "a leader with every voting master up and caught up", client -> {
      ClusterView view = client.clusterStatus();
      ClusterView.Master lead = null;
      for (ClusterView.Master master : view.masters()) {
        if (master.role().equals("LEADER")) {
          lead = master;
        }
      }
      if (lead == null) {
        return false;
      }
      for (ClusterView.Master master : view.masters()) {
        if (master.role().equals("LISTENER") || master == lead) {
          continue;
        }
        if (!master.role().equals("FOLLOWER")
            || master.appliedIndex() < lead.appliedIndex() - CAUGHT_UP_ENTRIES) {
          return false;
        }
      }
      leader[0] = lead.id();
      return true;
    });
    return leader[0];
  }
}
