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
 * chunkservers ({@link ReplicaCollector}). Followers and shadows skip the scans.
 */
public final class GarbageCollector implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final TrashCollector trash;
  private final ReplicaCollector replicas;
  private final BooleanSupplier isReadyLeader;
  private final LongSupplier wallClockMs;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("master-gc", true));
  private boolean wasLeader;

  public GarbageCollector(TrashCollector trash, ReplicaCollector replicas, BooleanSupplier isReadyLeader,
      LongSupplier wallClockMs, long scanIntervalMs) {
    this.trash = trash;
    this.replicas = replicas;
    this.isReadyLeader = isReadyLeader;
    this.wallClockMs = wallClockMs;
    scheduler.scheduleWithFixedDelay(this::scan, scanIntervalMs, scanIntervalMs, TimeUnit.MILLISECONDS);
  }

  private void scan() {
    try {
      if (!isReadyLeader.getAsBoolean()) {
        if (wasLeader) {
          replicas.reset(); // a later term starts from what it sees then
          wasLeader = false;
        }
        return;
      }
      wasLeader = true;
      // Purge first: the chunks it frees become orphans the replica scan names at once.
      trash.collect(wallClockMs.getAsLong());
      replicas.collect(wallClockMs.getAsLong());
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
