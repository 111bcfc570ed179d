package gfs.chunkserver.buffer;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import gfs.rpc.NamedThreads;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushed data waiting for the mutation that uses it, bounded in bytes: a push reserves its
 * declared length when its header arrives, so the bound holds while data streams in. To
 * make room, expired entries go first, then completed entries no mutation is using, least
 * recently used first; receiving entries and entries in use are never evicted. Data nobody
 * used for the expiry time is dropped by a background reaper.
 */
public final class PushBuffer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushBuffer.class);
  /** Bounds the number of entries too, so zero-length pushes cannot grow the map forever. */
  public static final int MAX_ENTRIES = 65_536;

  private final String serverId;
  private final long capacityBytes;
  private final long expiryNanos;
  private final LongSupplier nanoClock;
  /** In access order: iteration starts at the least recently used entry. */
  private final LinkedHashMap<String, PushEntry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long reservedBytes;
  private long receivedBytesTotal;
  private ScheduledExecutorService reaper;

  public PushBuffer(String serverId, long capacityBytes, long expiryMs, LongSupplier nanoClock) {
    this.serverId = serverId;
    this.capacityBytes = capacityBytes;
    this.expiryNanos = TimeUnit.MILLISECONDS.toNanos(expiryMs);
    this.nanoClock = nanoClock;
  }

  /** Starts the named thread that drops expired data; stopped by {@link #close()}. */
  public synchronized void startReaper() {
    if (reaper != null) {
      return;
    }
    long periodMs = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(expiryNanos) / 4));
    reaper = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory(serverId + "-push-reaper", true));
    reaper.scheduleWithFixedDelay(this::expireQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** Reserves room for a push of {@code length} bytes; UNAVAILABLE when there is none. */
  public synchronized PushEntry begin(String dataId, long length) throws ChunkserverException {
    if (dataId.isEmpty() || length < 0) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT,
          "push needs a data_id and a length >= 0 (got '" + dataId + "', " + length + ")");
    }
    if (length > capacityBytes) {
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, "push buffer full on " + serverId + ": push "
          + dataId + " of " + length + " bytes exceeds its capacity of " + capacityBytes + " bytes");
    }
    long now = nanoClock.getAsLong();
    PushEntry previous = entries.get(dataId);
    if (previous != null) {
      if (previous.pins > 0) {
        throw new ChunkserverException(ErrorCode.ALREADY_EXISTS,
            "push " + dataId + " is being applied on " + serverId + "; push again with a new data_id");
      }
      remove(previous);  // a retried push replaces what the first attempt left
    }
    expire(now);
    evictUnusedUntil(length);
    if (reservedBytes + length > capacityBytes || entries.size() >= MAX_ENTRIES) {
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, "push buffer full on " + serverId + ": push "
          + dataId + " needs " + length + " bytes, " + reservedBytes + " of " + capacityBytes
          + " bytes are reserved by " + entries.size() + " pushes");
    }
    PushEntry entry = new PushEntry(dataId, length, now);
    entries.put(dataId, entry);
    reservedBytes += length;
    checkBound();
    return entry;
  }

  public synchronized void append(PushEntry entry, ByteString piece) throws ChunkserverException {
    requirePresent(entry);
    if (entry.complete || entry.receivedBytes + piece.size() > entry.declaredBytes) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "push " + entry.dataId + " sent more than its declared "
          + entry.declaredBytes + " bytes to " + serverId);
    }
    entry.data = entry.data.concat(piece);
    entry.receivedBytes += piece.size();
    receivedBytesTotal += piece.size();
    entry.lastAccessNanos = nanoClock.getAsLong();
  }

  public synchronized void complete(PushEntry entry) throws ChunkserverException {
    requirePresent(entry);
    if (entry.receivedBytes != entry.declaredBytes) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "push " + entry.dataId + " ended after "
          + entry.receivedBytes + " of its declared " + entry.declaredBytes + " bytes on " + serverId);
    }
    entry.complete = true;
    entry.lastAccessNanos = nanoClock.getAsLong();
  }

  /** Drops a push that failed or was cancelled. */
  public synchronized void abort(PushEntry entry) {
    if (!entry.removed && entry.pins == 0) {
      remove(entry);
    }
  }

  /**
   * Pins complete data for a mutation; DATA_NOT_PUSHED when this server does not hold it.
   * Every acquire must be followed by {@link #release}.
   */
  public synchronized PushEntry acquire(String dataId, long expectedLength) throws ChunkserverException {
    PushEntry entry = entries.get(dataId);
    if (entry == null || !entry.complete) {
      throw new ChunkserverException(ErrorCode.DATA_NOT_PUSHED, "data " + dataId + " has not been pushed to "
          + serverId + (entry == null ? " (or it expired)" : " completely"));
    }
    if (entry.declaredBytes != expectedLength) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "data " + dataId + " on " + serverId + " has "
          + entry.declaredBytes + " bytes, the mutation says " + expectedLength);
    }
    entry.pins++;
    entry.lastAccessNanos = nanoClock.getAsLong();
    return entry;
  }

  /** Unpins; data a mutation applied ({@code consumed}) leaves the buffer at once. */
  public synchronized void release(PushEntry entry, boolean consumed) {
    entry.pins--;
    if (entry.pins < 0) {
      throw new IllegalStateException("push " + entry.dataId + " released more often than acquired");
    }
    entry.lastAccessNanos = nanoClock.getAsLong();
    if (consumed && !entry.removed && entry.pins == 0) {
      remove(entry);
    }
  }

  /** Drops data unused for the expiry time; returns how many entries went. */
  public synchronized int expire() {
    return expire(nanoClock.getAsLong());
  }

  /** Bytes received by pushes since start (for metrics). */
  public synchronized long receivedBytesTotal() {
    return receivedBytesTotal;
  }

  public synchronized long reservedBytes() {
    return reservedBytes;
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** True when complete data for dataId is held (does not count as a use). */
  public synchronized boolean holds(String dataId) {
    for (PushEntry entry : entries.values()) {  // values() does not reorder an access-ordered map
      if (entry.dataId.equals(dataId)) {
        return entry.complete;
      }
    }
    return false;
  }

  @Override
  public void close() {
    ScheduledExecutorService toStop;
    synchronized (this) {
      toStop = reaper;
      reaper = null;
      entries.clear();
      reservedBytes = 0;
    }
    if (toStop != null) {
      toStop.shutdownNow();
      try {
        toStop.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void expireQuietly() {
    try {
      int dropped = expire();
      if (dropped > 0) {
        LOG.debug("{}: dropped {} expired pushes", serverId, dropped);
      }
    } catch (RuntimeException e) {
      LOG.error("{}: push buffer reaper failed", serverId, e);
    }
  }

  private int expire(long now) {
    int dropped = 0;
    for (Iterator<PushEntry> it = entries.values().iterator(); it.hasNext(); ) {
      PushEntry entry = it.next();
      if (entry.pins == 0 && now - entry.lastAccessNanos > expiryNanos) {
        it.remove();
        drop(entry);
        dropped++;
      }
    }
    return dropped;
  }

  private void evictUnusedUntil(long neededBytes) {
    for (Iterator<PushEntry> it = entries.values().iterator();
        it.hasNext() && reservedBytes + neededBytes > capacityBytes; ) {
      PushEntry entry = it.next();
      if (entry.complete && entry.pins == 0) {
        it.remove();
        drop(entry);
        LOG.debug("{}: evicted unused push {} ({} bytes) to make room", serverId, entry.dataId, entry.declaredBytes);
      }
    }
  }

  private void remove(PushEntry entry) {
    if (entries.get(entry.dataId) == entry) {
      entries.remove(entry.dataId);
    }
    drop(entry);
  }

  private void drop(PushEntry entry) {
    if (!entry.removed) {
      entry.removed = true;
      entry.data = ByteString.EMPTY;
      reservedBytes -= entry.declaredBytes;
    }
  }

  private void requirePresent(PushEntry entry) throws ChunkserverException {
    if (entry.removed) {
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, "push " + entry.dataId + " on " + serverId
          + " was dropped (expired or replaced) before it completed");
    }
  }

  private void checkBound() {
    if (reservedBytes > capacityBytes || reservedBytes < 0) {
      throw new IllegalStateException("push buffer of " + serverId + " holds " + reservedBytes
          + " bytes, outside 0.." + capacityBytes);
    }
  }
}
