package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `gfs bench recovery` (GFS paper section 6.2.5): fills the cluster with data, SIGKILLs the
 * chunkserver holding the most, and measures how long the masters take to notice and to bring
 * every chunk back to its replication goal, and the effective re-replication bandwidth;
 * against the write bandwidth of the disk the chunkservers use, measured in the same run.
 */
public final class RecoveryBenchmark {
  static final long PROGRESS_EVERY_MS = 5_000;
  static final long POLL_MS = 200;
  /** The disk baseline writes this much (or the data size, if smaller). */
  static final long BASELINE_BYTES = 512L << 20;
  static final int WRITER_THREADS = 4;
  static final int CHUNKS_PER_FILE = 4;

  /** What to run. sizeBytes: data written before the kill (each byte stored replication times). */
  public record Settings(long sizeBytes, long timeoutS) {}

  /** The figures. */
  public record Result(String victim, long victimBytes, long victimChunks, long dataBytes,
      double fillSeconds, double detectSeconds, double recoverySeconds, long peakUnderReplicated,
      double diskWriteBytesPerS, int chunkservers, String root) {
    /** Bytes the cluster copied to restore the victim's replicas, per second of recovery. */
    public double recoveryBytesPerS() {
      return victimBytes / Math.max(recoverySeconds, 1e-9);
    }
  }

  private final Settings settings;
  private final ClientConfig config;
  private final LocalServers servers;
  private final PrintStream progress;
  private final String root = "/bench/recovery-"
      + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

  public RecoveryBenchmark(Settings settings, ClientConfig config, LocalServers servers,
      PrintStream progress) {
    this.settings = settings;
    this.config = config;
    this.servers = servers;
    this.progress = progress;
  }

  public Result run() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeoutS());
    double diskBytesPerS = DiskBaseline.writeBytesPerS(servers.dir(),
        Math.min(BASELINE_BYTES, Math.max(settings.sizeBytes(), 64L << 20)));
    progress.printf(Locale.ROOT, "bench: disk under %s writes %.0f MB/s%n", servers.dir(),
        diskBytesPerS / 1e6);
    try (GfsClient client = GfsClient.connect(config)) {
      long fillStart = System.nanoTime();
      long written = fill(client, deadline);
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      awaitFullyReplicated(client, deadline, "the written data to be fully replicated");
      ClusterView before = client.clusterStatus();
      ClusterView.Chunkserver victim = before.chunkservers().stream()
          .filter(c -> c.state().equals("LIVE"))
          .max(Comparator.comparingLong(ClusterView.Chunkserver::usedBytes))
          .orElseThrow(() -> new CommandFailedException("no live chunkserver to kill"));
      progress.printf(Locale.ROOT, "bench: SIGKILL %s holding %d chunks, %.1f MB%n", victim.id(),
          victim.chunkCount(), victim.usedBytes() / 1e6);
      long killedAt = System.nanoTime();
      if (!servers.kill(victim.id())) {
        throw new CommandFailedException(victim.id() + " is not running as a process of the local"
            + " cluster in " + servers.dir());
      }
      long[] peak = new long[1];
      long deadAt = awaitState(client, deadline, victim.id(), "DEAD");
      long recoveredAt = awaitRecovered(client, deadline, peak);
      return new Result(victim.id(), victim.usedBytes(), victim.chunkCount(), written, fillSeconds,
          (deadAt - killedAt) / 1e9, (recoveredAt - deadAt) / 1e9, peak[0], diskBytesPerS,
          before.chunkservers().size(), root);
    }
  }

  /** Writes settings.sizeBytes in files of a few chunks with a few threads; returns bytes written. */
  private long fill(GfsClient client, long deadlineNanos) throws Exception {
    long chunkBytes = client.chunkSizeBytes();
    long fileBytes = Math.min(settings.sizeBytes(), CHUNKS_PER_FILE * chunkBytes);
    long files = Math.max(1, (settings.sizeBytes() + fileBytes - 1) / fileBytes);
    client.mkdir(root, true);
    AtomicLong next = new AtomicLong();
    AtomicLong written = new AtomicLong();
    byte[] block = new byte[(int) Math.min(chunkBytes, 4L << 20)];
    ThreadLocalRandom.current().nextBytes(block);
    ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS,
        gfs.rpc.NamedThreads.factory("bench-recovery-writer", true));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < WRITER_THREADS; t++) {
        futures.add(writers.submit(() -> {
          for (long i = next.getAndIncrement(); i < files && System.nanoTime() < deadlineNanos;
              i = next.getAndIncrement()) {
            String path = root + "/file-" + i;
            client.create(path, 0, false);
            for (long offset = 0; offset < fileBytes; offset += block.length) {
              int length = (int) Math.min(block.length, fileBytes - offset);
              client.write(path, offset, block, 0, length);
              written.addAndGet(length);
            }
          }
          return null;
        }));
      }
      long start = System.nanoTime();
      long lastReport = start;
      for (Future<?> future : futures) {
        while (true) {
          try {
            future.get(1, TimeUnit.SECONDS);
            break;
          } catch (java.util.concurrent.TimeoutException e) {
            if (System.nanoTime() - lastReport > TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS)) {
              lastReport = System.nanoTime();
              progress.printf(Locale.ROOT, "bench: written %.0f of %.0f MB (%.1f MB/s)%n",
                  written.get() / 1e6, settings.sizeBytes() / 1e6,
                  written.get() / 1e6 / ((lastReport - start) / 1e9));
            }
          }
        }
      }
    } finally {
      writers.shutdownNow();
    }
    progress.printf(Locale.ROOT, "bench: wrote %.0f MB in %d files under %s%n", written.get() / 1e6,
        files, root);
    return written.get();
  }

  private void awaitFullyReplicated(GfsClient client, long deadlineNanos, String what)
      throws Exception {
    long lastReport = System.nanoTime();
    while (true) {
      ClusterView view = client.clusterStatus();
      if (view.underReplicatedChunks() == 0 && view.missingChunks() == 0) {
        return;
      }
      if (System.nanoTime() - lastReport > TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS)) {
        lastReport = System.nanoTime();
        progress.println("bench: waiting for " + what + ": " + view.underReplicatedChunks()
            + " chunks under-replicated, " + view.missingChunks() + " missing");
      }
      checkDeadline(deadlineNanos, what);
      Thread.sleep(POLL_MS);
    }
  }

  private long awaitState(GfsClient client, long deadlineNanos, String id, String state)
      throws Exception {
    while (true) {
      try {
        for (ClusterView.Chunkserver server : client.clusterStatus().chunkservers()) {
          if (server.id().equals(id) && server.state().equals(state)) {
            progress.println("bench: the master reports " + id + " " + state);
            return System.nanoTime();
          }
        }
      } catch (GfsException e) {
        progress.println("bench: cluster status failed (retrying): " + e.getMessage());
      }
      checkDeadline(deadlineNanos, id + " to be reported " + state);
      Thread.sleep(POLL_MS);
    }
  }

  /**
   * Waits until the masters report no chunk below its goal, after having seen the loss
   * (the count comes from the leader's periodic scan, so a zero right after the death may
   * predate the scan that notices it).
   */
  private long awaitRecovered(GfsClient client, long deadlineNanos, long[] peak) throws Exception {
    boolean sawLoss = false;
    long lastReport = System.nanoTime();
    while (true) {
      try {
        ClusterView view = client.clusterStatus();
        long below = view.underReplicatedChunks() + view.missingChunks();
        peak[0] = Math.max(peak[0], below);
        sawLoss |= below > 0;
        if (sawLoss && below == 0) {
          return System.nanoTime();
        }
        if (System.nanoTime() - lastReport > TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS)) {
          lastReport = System.nanoTime();
          progress.println("bench: recovering: " + view.underReplicatedChunks()
              + " chunks under-replicated, " + view.missingChunks() + " missing");
        }
      } catch (GfsException e) {
        progress.println("bench: cluster status failed (retrying): " + e.getMessage());
      }
      checkDeadline(deadlineNanos, "full re-replication");
      Thread.sleep(POLL_MS);
    }
  }

  private void checkDeadline(long deadlineNanos, String what) throws CommandFailedException {
    if (System.nanoTime() > deadlineNanos) {
      throw new CommandFailedException("bench recovery: gave up waiting for " + what + " after "
          + settings.timeoutS() + " s (--timeout-s)");
    }
  }
}
