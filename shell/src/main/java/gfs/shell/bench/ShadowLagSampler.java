package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Samples how far the read-only shadows (Raft listeners) trail the leader while the
 * benchmark loads the masters: the leader's applied index minus each shadow's, from one
 * cluster status call every interval. The two indexes come from two calls a moment apart,
 * so a sample can be off by what the leader applies in that moment.
 */
public final class ShadowLagSampler implements AutoCloseable {
  /** Samples kept at most (one a second is over an hour). */
  private static final int MAX_SAMPLES = 10_000;

  private final GfsClient client;
  private final long intervalMs;
  private final Thread thread;
  private final List<Long> lags = new ArrayList<>();
  private volatile boolean stopped;
  private volatile boolean sawShadow;

  public ShadowLagSampler(ClientConfig config, long intervalMs) {
    this.client = GfsClient.connect(config);
    this.intervalMs = intervalMs;
    this.thread = new Thread(this::loop, "bench-shadow-lag");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Summary of the samples: null when no shadow was ever seen. */
  public record Summary(int samples, long medianEntries, long maxEntries) {}

  public Summary summary() {
    synchronized (lags) {
      if (!sawShadow || lags.isEmpty()) {
        return null;
      }
      List<Long> sorted = new ArrayList<>(lags);
      Collections.sort(sorted);
      return new Summary(sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }
  }

  /** The most recent lag sampled, or -1. */
  public long lastLag() {
    synchronized (lags) {
      return lags.isEmpty() ? -1 : lags.get(lags.size() - 1);
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        sample(client.clusterStatus());
      } catch (GfsException e) {
        // No leader for a moment (failover): nothing to compare against, try again.
      }
      try {
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample(ClusterView view) {
    long leaderApplied = -1;
    for (ClusterView.Master master : view.masters()) {
      if (master.role().equals("LEADER")) {
        leaderApplied = master.appliedIndex();
      }
    }
    if (leaderApplied < 0) {
      return;
    }
    for (ClusterView.Master master : view.masters()) {
      if (master.role().equals("LISTENER")) {
        sawShadow = true;
        synchronized (lags) {
          if (lags.size() < MAX_SAMPLES) {
            lags.add(Math.max(0, leaderApplied - master.appliedIndex()));
          }
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(10_000);
    client.close();
  }
}
