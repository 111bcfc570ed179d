package gfs.client.data;

import gfs.client.common.GfsPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Leases this client was handed, per (path, chunk index), until shortly before the expiry
 * the master announced; the primary enforces the real lease, so a stale entry only costs a
 * refused mutation and a fresh request. Also remembers each file's last chunk for appends.
 * Bounded (least recently used evicted). Thread-safe.
 */
public final class LeaseCache {
  public static final int DEFAULT_MAX_ENTRIES = 4_096;
  /** Stop using a lease this long before its announced expiry (at most). */
  private static final long SAFETY_MARGIN_MS = 1_000;

  private final LongSupplier nanoClock;
  private final LongSupplier wallClockMs;
  private final Map<Key, Entry> leases;
  private final Map<String, Long> lastChunkIndex;

  public LeaseCache(LongSupplier nanoClock, LongSupplier wallClockMs, int maxEntries) {
    this.nanoClock = nanoClock;
    this.wallClockMs = wallClockMs;
    this.leases = boundedLru(maxEntries);
    this.lastChunkIndex = boundedLru(maxEntries);
  }

  public LeaseCache() {
    this(System::nanoTime, System::currentTimeMillis, DEFAULT_MAX_ENTRIES);
  }

  /** The cached lease, or null when absent or (nearly) expired. */
  public synchronized Lease get(String path, long chunkIndex) {
    Key key = new Key(path, chunkIndex);
    Entry entry = leases.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAtNanos - nanoClock.getAsLong() <= 0) {
      leases.remove(key);
      return null;
    }
    return entry.lease;
  }

  /**
   * Keeps a lease until a little before lease_expires_epoch_ms (master's clock, so only a
   * hint: the margin absorbs modest clock skew). Leases without an expiry are not kept.
   */
  public synchronized void put(String path, Lease lease) {
    long remainingMs = lease.info().getLeaseExpiresEpochMs() - wallClockMs.getAsLong();
    long usableMs = remainingMs - Math.min(SAFETY_MARGIN_MS, remainingMs / 4);
    if (usableMs <= 0) {
      return;
    }
    leases.put(new Key(path, lease.chunkIndex()),
        new Entry(lease, nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(usableMs)));
  }

  public synchronized void invalidate(String path, long chunkIndex) {
    leases.remove(new Key(path, chunkIndex));
  }

  /** Forgets path and everything under it. */
  public synchronized void invalidateTree(String path) {
    leases.keySet().removeIf(key -> GfsPaths.isSameOrUnder(key.path, path));
    lastChunkIndex.keySet().removeIf(cached -> GfsPaths.isSameOrUnder(cached, path));
  }

  /** The last chunk index this client appended to, or -1. */
  public synchronized long lastChunkIndex(String path) {
    return lastChunkIndex.getOrDefault(path, -1L);
  }

  /** A chunk this client appended to: the last one is at least this one. */
  public synchronized void rememberAppendedChunk(String path, long chunkIndex) {
    lastChunkIndex.merge(path, chunkIndex, Math::max);
  }

  /** The master's word on the file's last chunk, which overrides what was remembered. */
  public synchronized void setLastChunk(String path, long chunkIndex) {
    lastChunkIndex.put(path, chunkIndex);
  }

  public synchronized int size() {
    return leases.size();
  }

  private static <K, V> Map<K, V> boundedLru(int maxEntries) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  private record Key(String path, long chunkIndex) {}

  private record Entry(Lease lease, long expiresAtNanos) {}
}
