package gfs.master.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Counts the chunks created on each chunkserver within a sliding window. */
public final class RecentCreations {
  /** Bound on remembered creations per server; beyond it the oldest are forgotten. */
  private static final int MAX_REMEMBERED = 1024;

  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Deque<Long>> creations = new ConcurrentHashMap<>();

  public RecentCreations(long windowMs, LongSupplier nanoClock) {
    this.windowNanos = windowMs * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  public void record(String serverId) {
    Deque<Long> times = creations.computeIfAbsent(serverId, id -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(nanoClock.getAsLong());
      if (times.size() > MAX_REMEMBERED) {
        times.removeFirst();
      }
    }
  }

  public int count(String serverId) {
    Deque<Long> times = creations.get(serverId);
    if (times == null) {
      return 0;
    }
    long cutoff = nanoClock.getAsLong() - windowNanos;
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() < cutoff) {
        times.removeFirst();
      }
      return times.size();
    }
  }
}
