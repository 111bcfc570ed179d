package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Failover as a client sees it: the leader is SIGKILLed and a client that was talking to it
 * creates files until one is acknowledged; the time from the kill to that acknowledgement is
 * one sample. The killed master is started again and allowed to catch up before the next kill,
 * so that every kill leaves a quorum.
 */
public final class FailoverProbe {
  private static final long STABLE_TIMEOUT_MS = 120_000;
  private static final long ACK_TIMEOUT_MS = 120_000;

  /** Kill-to-acknowledgement times in ms, and the failed attempts clients saw meanwhile. */
  public record Result(List<Long> samplesMs, long failedAttempts) {
    public long medianMs() {
      List<Long> sorted = new ArrayList<>(samplesMs);
      sorted.sort(null);
      return sorted.get(sorted.size() / 2);
    }

    public long maxMs() {
      return samplesMs.stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  private FailoverProbe() {}

  public static Result measure(LocalServers servers, ClientConfig config, int kills, String createDir,
      PrintStream progress) throws IOException, InterruptedException, CommandFailedException {
    List<Long> samples = new ArrayList<>();
    long failed = 0;
    try (GfsClient client = GfsClient.connect(config)) {
      for (int kill = 1; kill <= kills; kill++) {
        String leader = ClusterWaits.stableLeader(config, STABLE_TIMEOUT_MS);
        client.create(createDir + "/before-kill-" + kill); // the client knows the leader
        long killedAt = System.nanoTime();
        if (!servers.kill(leader)) {
          throw new CommandFailedException("leader " + leader + " has no live process in "
              + servers.dir() + " (pid file missing?)");
        }
        long deadline = killedAt + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MS);
        Long sample = null;
        for (int attempt = 0; sample == null && System.nanoTime() < deadline; attempt++) {
          try {
            client.create(createDir + "/after-kill-" + kill + "-" + attempt);
            sample = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
          } catch (GfsException e) {
            failed++;
          }
        }
        if (sample == null) {
          throw new CommandFailedException("no create acknowledged within " + ACK_TIMEOUT_MS / 1000
              + " s of killing leader " + leader);
        }
        samples.add(sample);
        progress.println("bench: failover " + kill + "/" + kills + ": killed leader " + leader
            + ", first create acknowledged after " + sample + " ms; restarting " + leader);
        servers.startMaster(leader);
      }
      ClusterWaits.stableLeader(config, STABLE_TIMEOUT_MS);
    }
    return new Result(samples, failed);
  }
}
