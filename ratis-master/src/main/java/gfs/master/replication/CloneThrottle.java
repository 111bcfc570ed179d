package gfs.master.replication;

import gfs.master.config.ChunkManagementConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The clones under way, and the limits on them: at most maxClonesPerServer per chunkserver (as
 * source or target), maxClonesPerCluster in all, at most maxMovesPerServer rebalancing moves
 * into one chunkserver, one clone per chunk. A clone ends when its target reports the chunk, or
 * is given up when its target reports it failed, or after cloneTimeoutMs (the command may have
 * been lost) so that the next scan plans it again.
 *
 * <p>While a clone (not a move) of a chunk is young, no new lease may be granted on it: a grant
 * bumps the version, and the copy, taken at the old one, would land stale. A chunk appended to
 * without pause would then never be re-replicated. Writers wait at most writeHoldMs, so a lost
 * command stalls them a bounded time; a clone that outlives the hold may land stale, and is
 * planned again.
 */
public final class CloneThrottle {
  /** One clone: target copies handle at version from source; move = a rebalancing move. */
  public record Clone(long handle, long version, String source, String target, boolean move,
      long startedNanos) {}

  private final int maxClonesPerServer;
  private final int maxClonesPerCluster;
  private final int maxMovesPerServer;
  private final long timeoutNanos;
  private final long writeHoldNanos;
  private final LongSupplier nanoClock;
  private final Map<Long, Clone> inFlight = new HashMap<>();

  public CloneThrottle(int maxClonesPerServer, int maxClonesPerCluster, int maxMovesPerServer,
      long cloneTimeoutMs, long writeHoldMs, LongSupplier nanoClock) {
    this.maxClonesPerServer = maxClonesPerServer;
    this.maxClonesPerCluster = maxClonesPerCluster;
    this.maxMovesPerServer = maxMovesPerServer;
    this.timeoutNanos = cloneTimeoutMs * 1_000_000L;
    this.writeHoldNanos = writeHoldMs * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  /** The throttle of the leader's settings, for chunks of chunkSizeBytes. */
  public static CloneThrottle of(ChunkManagementConfig settings, long chunkSizeBytes, LongSupplier nanoClock) {
    return new CloneThrottle(settings.maxClonesPerServer(), settings.maxClonesPerCluster(),
        settings.maxMovesPerServer(), settings.cloneTimeoutMs(), settings.cloneWriteHoldMs(chunkSizeBytes),
        nanoClock);
  }

  /** Whether a clone from source to target fits within the limits now. */
  public synchronized boolean allows(String source, String target, boolean move) {
    if (inFlight.size() >= maxClonesPerCluster) {
      return false;
    }
    if (involving(source) >= maxClonesPerServer || involving(target) >= maxClonesPerServer) {
      return false;
    }
    return !move || movesInto(target) < maxMovesPerServer;
  }

  /** Records a clone when it fits and none of handle is under way; false otherwise. */
  public synchronized boolean tryStart(long handle, long version, String source, String target,
      boolean move) {
    if (inFlight.containsKey(handle) || !allows(source, target, move)) {
      return false;
    }
    inFlight.put(handle, new Clone(handle, version, source, target, move, nanoClock.getAsLong()));
    return true;
  }

  /**
   * The clone of handle that a new lease (a new version) would make stale, while writers are
   * held off for it; null when a lease may be granted.
   */
  public synchronized Clone holdingLeases(long handle) {
    Clone clone = inFlight.get(handle);
    if (clone == null || clone.move() || nanoClock.getAsLong() - clone.startedNanos() >= writeHoldNanos) {
      return null;
    }
    return clone;
  }

  public long writeHoldMs() {
    return writeHoldNanos / 1_000_000L;
  }

  public synchronized boolean isInFlight(long handle) {
    return inFlight.containsKey(handle);
  }

  public synchronized Clone get(long handle) {
    return inFlight.get(handle);
  }

  /** Ends the clone of handle (done, or never sent); returns it, or null when none was under way. */
  public synchronized Clone finish(long handle) {
    return inFlight.remove(handle);
  }

  /**
   * Ends the clone of handle to target from source at version when it was started before
   * failedAtNanos (by this clock): its target reported that attempt failed. A clone planned
   * again after the failure is left alone. Returns the clone ended, or null.
   */
  public synchronized Clone fail(long handle, long version, String source, String target, long failedAtNanos) {
    Clone clone = inFlight.get(handle);
    if (clone == null || clone.version() != version || !clone.source().equals(source)
        || !clone.target().equals(target) || clone.startedNanos() - failedAtNanos >= 0) {
      return null;
    }
    return inFlight.remove(handle);
  }

  /** Removes and returns the clones older than the timeout. */
  public synchronized List<Clone> expire() {
    long now = nanoClock.getAsLong();
    List<Clone> expired = new ArrayList<>();
    for (Iterator<Clone> it = inFlight.values().iterator(); it.hasNext(); ) {
      Clone clone = it.next();
      if (now - clone.startedNanos() >= timeoutNanos) {
        expired.add(clone);
        it.remove();
      }
    }
    return expired;
  }

  public synchronized List<Clone> all() {
    return new ArrayList<>(inFlight.values());
  }

  public synchronized int total() {
    return inFlight.size();
  }

  /** Clones the server takes part in, as source or target. */
  public synchronized int involving(String serverId) {
    int count = 0;
    for (Clone clone : inFlight.values()) {
      if (clone.source().equals(serverId) || clone.target().equals(serverId)) {
        count++;
      }
    }
    return count;
  }

  /** Clones the server is receiving. */
  public synchronized int receiving(String serverId) {
    int count = 0;
    for (Clone clone : inFlight.values()) {
      if (clone.target().equals(serverId)) {
        count++;
      }
    }
    return count;
  }

  /** Rebalancing moves the server is receiving. */
  public synchronized int movesInto(String serverId) {
    int count = 0;
    for (Clone clone : inFlight.values()) {
      if (clone.move() && clone.target().equals(serverId)) {
        count++;
      }
    }
    return count;
  }

  /** Forgets everything, e.g. when this master stops leading. */
  public synchronized void clear() {
    inFlight.clear();
  }
}
