package gfs.master.gc;

import gfs.rpc.NamedThreads;
import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's garbage collection loop: every gc.scan.interval.ms it purges expired trash
 * entries ({@link TrashCollector}) and then names orphaned and stale replicas to their
 * chunkservers ({@link ReplicaCollector}). Followers and shadows skip the scans; in safe mode
 * the leader only counts the trash.
 */
public final class GarbageCollector implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  /**
   * What `gfs admin gc status` shows: the last scan's counts and this leader's totals.
   *
   * @param lastScanAtMs 0 when no scan ran since this master leads
   * @param nextExpiryAtMs when the oldest trash entry passes retention; 0 = trash empty
   * @param paused safe mode: nothing is purged or deleted
   */
  public record Status(long retentionMs, long scanIntervalMs, long leaderSinceMs, long lastScanAtMs,
      long trashEntries, long nextExpiryAtMs, long purgedEntries, ReplicaCollector.Stats replicas,
      boolean paused) {}

  private final TrashCollector trash;
  private final ReplicaCollector replicas;
  private final BooleanSupplier isReadyLeader;
  private final BooleanSupplier safeMode;
  private final LongSupplier wallClockMs;
  private final long scanIntervalMs;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("master-gc", true));
  private boolean wasLeader;
  private volatile long leaderSinceMs;
  private volatile long lastScanAtMs;
  private volatile boolean paused;

  public GarbageCollector(TrashCollector trash, ReplicaCollector replicas, BooleanSupplier isReadyLeader,
      BooleanSupplier safeMode, LongSupplier wallClockMs, long scanIntervalMs) {
    this.trash = trash;
    this.replicas = replicas;
    this.isReadyLeader = isReadyLeader;
    this.safeMode = safeMode;
    this.wallClockMs = wallClockMs;
    this.scanIntervalMs = scanIntervalMs;
    scheduler.scheduleWithFixedDelay(this::scan, scanIntervalMs, scanIntervalMs, TimeUnit.MILLISECONDS);
  }

  private void scan() {
    try {
      if (!isReadyLeader.getAsBoolean()) {
        if (wasLeader) {
          replicas.reset(); // a later term starts from what it sees then
          trash.reset();
          lastScanAtMs = 0;
          wasLeader = false;
        }
        return;
      }
      long nowMs = wallClockMs.getAsLong();
      if (!wasLeader) {
        leaderSinceMs = nowMs;
        wasLeader = true;
      }
      boolean pause = safeMode.getAsBoolean();
      if (pause != paused) {
        LOG.info(pause ? "safe mode: garbage collection paused" : "safe mode left: garbage collection resumes");
        paused = pause;
      }
      // Purge first: the chunks it frees become orphans the replica scan names at once.
      trash.collect(nowMs, !pause);
      if (!pause) {
        replicas.collect(nowMs);
      }
      lastScanAtMs = nowMs;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("gc scan failed: {}", e.toString());
    }
  }

  /** Deleted entries awaiting collection, as the leader's last scan counted them. */
  public long trashEntries() {
    return trash.entriesLeft();
  }

  public Status status() {
    return new Status(trash.retentionMs(), scanIntervalMs, leaderSinceMs, lastScanAtMs,
        trash.entriesLeft(), trash.nextExpiryAtMs(), trash.purgedEntries(), replicas.stats(),
        safeMode.getAsBoolean());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
