package gfs.master.replication;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most one marked replica (server) per chunk, forgotten after ttlMs, at most maxMarks of
 * them. Used for deletions sent but not yet reported done (so the next scan does not pick a
 * second victim) and for the sources of finished rebalancing moves (the replica to delete).
 */
public final class ReplicaMarks {
  private record Mark(String serverId, long markedNanos) {}

  private final int maxMarks;
  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<Long, Mark> marks = new HashMap<>();

  public ReplicaMarks(int maxMarks, long ttlMs, LongSupplier nanoClock) {
    this.maxMarks = maxMarks;
    this.ttlNanos = ttlMs * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /** Marks serverId's replica of handle; false when full (the caller tries again later). */
  public synchronized boolean mark(long handle, String serverId) {
    if (!marks.containsKey(handle) && marks.size() >= maxMarks) {
      return false;
    }
    marks.put(handle, new Mark(serverId, nanoClock.getAsLong()));
    return true;
  }

  /** The marked server of handle, or null (also when the mark is older than the ttl). */
  public synchronized String get(long handle) {
    Mark mark = marks.get(handle);
    if (mark == null) {
      return null;
    }
    if (nanoClock.getAsLong() - mark.markedNanos() >= ttlNanos) {
      marks.remove(handle);
      return null;
    }
    return mark.serverId();
  }

  public synchronized void remove(long handle) {
    marks.remove(handle);
  }

  /** How many live marks name serverId. */
  public synchronized int countOn(String serverId) {
    long now = nanoClock.getAsLong();
    marks.values().removeIf(m -> now - m.markedNanos() >= ttlNanos);
    int count = 0;
    for (Mark mark : marks.values()) {
      if (mark.serverId().equals(serverId)) {
        count++;
      }
    }
    return count;
  }

  public synchronized Map<Long, String> snapshot() {
    Map<Long, String> copy = new HashMap<>();
    marks.forEach((handle, mark) -> copy.put(handle, mark.serverId()));
    return copy;
  }

  public synchronized void clear() {
    marks.clear();
  }
}
