package gfs.master.lease;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases the current leader granted or adopted, by chunk handle. Soft state: cleared when
 * this master's leadership term changes, because a lease table from an earlier term may be
 * out of date.
 */
public final class LeaseTable {
  private final Map<Long, Lease> leases = new ConcurrentHashMap<>();
  private long term = -1;
  private long leaderSinceNanos;

  /** Clears the table when term is not the term it was filled in; returns leaderSinceNanos. */
  public synchronized long enterTerm(long currentTerm, long nowNanos) {
    if (currentTerm != term) {
      leases.clear();
      term = currentTerm;
      leaderSinceNanos = nowNanos;
    }
    return leaderSinceNanos;
  }

  public Lease get(long handle) {
    return leases.get(handle);
  }

  public void put(Lease lease) {
    leases.put(lease.handle(), lease);
  }

  public void remove(long handle) {
    leases.remove(handle);
  }

  public int size() {
    return leases.size();
  }
}
