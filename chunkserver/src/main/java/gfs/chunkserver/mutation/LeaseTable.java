package gfs.chunkserver.mutation;

import gfs.proto.LeaseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The leases this server holds as primary, timed on its own monotonic clock: a primary that
 * was paused past its lease refuses mutations when it wakes, whatever the wall clock says.
 */
public final class LeaseTable {
  /** What a mutation finds when it asks whether this server may order it. */
  public enum Status { VALID, NONE, EXPIRED }

  private record Lease(long version, long startNanos, long durationNanos, long lastMutationNanos) {
    long expiryNanos() {
      return startNanos + durationNanos;
    }
  }

  private final Map<Long, Lease> leases = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  public LeaseTable(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Holds the lease from now for durationMs (GrantLease with primary=true). */
  public void grant(long handle, long version, long durationMs) {
    leases.put(handle, new Lease(version, nanoClock.getAsLong(), TimeUnit.MILLISECONDS.toNanos(durationMs), Long.MIN_VALUE));
  }

  public void drop(long handle) {
    leases.remove(handle);
  }

  /** VALID only for a lease on exactly this version that has not run out. */
  public Status status(long handle, long version) {
    Lease lease = leases.get(handle);
    if (lease == null || lease.version != version) {
      return Status.NONE;
    }
    return nanoClock.getAsLong() - lease.expiryNanos() < 0 ? Status.VALID : Status.EXPIRED;
  }

  /** Milliseconds left on the lease of this version; 0 when none or expired. */
  public long remainingMs(long handle, long version) {
    Lease lease = leases.get(handle);
    if (lease == null || lease.version != version) {
      return 0;
    }
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(lease.expiryNanos() - nanoClock.getAsLong()));
  }

  public void noteMutation(long handle) {
    long now = nanoClock.getAsLong();
    leases.computeIfPresent(handle, (h, lease) ->
        new Lease(lease.version, lease.startNanos, lease.durationNanos, now));
  }

  /**
   * Leases worth extending: mutated since granted or last extended, past half their life
   * and not yet expired (an expired lease needs a new grant and version).
   */
  public List<LeaseExtension> extensionCandidates() {
    long now = nanoClock.getAsLong();
    List<LeaseExtension> result = new ArrayList<>();
    leases.forEach((handle, lease) -> {
      boolean mutated = lease.lastMutationNanos != Long.MIN_VALUE && lease.lastMutationNanos - lease.startNanos >= 0;
      boolean pastHalf = now - (lease.startNanos + lease.durationNanos / 2) >= 0;
      boolean alive = now - lease.expiryNanos() < 0;
      if (mutated && pastHalf && alive) {
        result.add(LeaseExtension.newBuilder().setHandle(handle).setVersion(lease.version).build());
      }
    });
    return result;
  }

  /**
   * The leader extended a lease: it now runs from when the heartbeat asking for it was sent
   * (never later, so this server stops before the leader thinks the lease ended). Ignored
   * when the lease was dropped or its version changed meanwhile.
   */
  public boolean extend(long handle, long version, long durationMs, long requestSentNanos) {
    long durationNanos = TimeUnit.MILLISECONDS.toNanos(durationMs);
    Lease updated = leases.computeIfPresent(handle, (h, lease) -> {
      if (lease.version != version || requestSentNanos + durationNanos - lease.expiryNanos() <= 0) {
        return lease;
      }
      return new Lease(version, requestSentNanos, durationNanos, lease.lastMutationNanos);
    });
    return updated != null && updated.version == version && updated.startNanos == requestSentNanos;
  }
}
