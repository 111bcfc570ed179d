package gfs.chunkserver.storage;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import gfs.rpc.NamedThreads;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies chunks nobody reads, so corruption is found (and reported in the next heartbeat,
 * for the master to replace the replica) before the last good copy is needed: one chunk
 * per interval, in handle order, skipped while clients are being served, read at no more than
 * a set bandwidth so that a scrub never competes with clients for the disk.
 */
public final class Scrubber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);
  private static final int PIECE_BYTES = 1 << 20;

  private final ChunkStore store;
  private final LongAdder scrubbedBytes = new LongAdder();
  private final IntSupplier activeRequests;
  private final long intervalMs;
  private final long bandwidthBytesPerS;
  private ScheduledExecutorService thread;
  /** Last handle verified; the next pass continues after it (unsigned order; -1 = start over). */
  private long lastHandle = -1;

  /**
   * @param intervalMs pause between two chunks
   * @param bandwidthBytesPerS bytes per second read at most while verifying a chunk
   */
  public Scrubber(ChunkStore store, IntSupplier activeRequests, long intervalMs, long bandwidthBytesPerS) {
    if (intervalMs <= 0 || bandwidthBytesPerS <= 0) {
      throw new IllegalArgumentException("scrub interval " + intervalMs + " ms and bandwidth "
          + bandwidthBytesPerS + " bytes/s must be positive");
    }
    this.store = store;
    this.activeRequests = activeRequests;
    this.intervalMs = intervalMs;
    this.bandwidthBytesPerS = bandwidthBytesPerS;
  }

  /** Bytes verified since start (for metrics). */
  public long scrubbedBytes() {
    return scrubbedBytes.sum();
  }

  public synchronized void start() {
    thread = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory(store.serverId() + "-scrubber", true));
    thread.scheduleWithFixedDelay(this::scrubNextQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  private void scrubNextQuietly() {
    try {
      if (activeRequests.getAsInt() == 0) {
        scrubNext();
      }
    } catch (RuntimeException e) {
      LOG.error("{}: scrubber failed", store.serverId(), e);
    }
  }

  /** Verifies the next chunk; returns its handle, or empty when there is none to verify. */
  synchronized OptionalLong scrubNext() {
    Long next = null;
    Long first = null;
    for (ChunkRecord record : store.records()) {
      if (record.corrupt() || record.length() == 0) {
        continue;
      }
      long handle = record.handle();
      if (first == null || Long.compareUnsigned(handle, first) < 0) {
        first = handle;
      }
      if (Long.compareUnsigned(handle, lastHandle) > 0 && (next == null || Long.compareUnsigned(handle, next) < 0)) {
        next = handle;
      }
    }
    if (next == null) {
      next = first;  // past the highest handle: start over
    }
    if (next == null) {
      return OptionalLong.empty();
    }
    lastHandle = next;
    verify(next);
    return OptionalLong.of(next);
  }

  private void verify(long handle) {
    long length = store.record(handle).map(ChunkRecord::length).orElse(0L);
    long startNs = System.nanoTime();
    try {
      for (long at = 0; at < length; at += PIECE_BYTES) {
        scrubbedBytes.add(store.read(handle, 0, at, PIECE_BYTES).data().size());
        if (!throttle(startNs, Math.min(length, at + PIECE_BYTES))) {
          return;  // closing
        }
      }
      LOG.debug("{}: scrubbed {} ({} bytes): ok", store.serverId(), chunk(handle), length);
    } catch (ChunkserverException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {  // deleted meanwhile is fine; a mismatch is logged by the store
        LOG.warn("{}: scrubbing {} found: {}", store.serverId(), chunk(handle), e.getMessage());
      }
    }
  }

  /** Sleeps until bytesRead since startNs is within the bandwidth; false when interrupted. */
  private boolean throttle(long startNs, long bytesRead) {
    long dueNs = startNs + bytesRead * 1_000_000_000L / bandwidthBytesPerS;
    long aheadMs = (dueNs - System.nanoTime()) / 1_000_000L;
    if (aheadMs > 0) {
      try {
        Thread.sleep(aheadMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
