package gfs.master.lease;

import java.util.List;

/**
 * A lease the leader granted: primaryId may order mutations of the chunk at version until
 * (by the master's clock) validUntilNanos; it may still believe it holds the lease until
 * possiblyHeldUntilNanos (the grant may have reached it late).
 */
public record Lease(long handle, long version, String primaryId, List<String> secondaryIds,
    long validUntilNanos, long possiblyHeldUntilNanos) {

  public boolean isValid(long nowNanos) {
    return nowNanos < validUntilNanos;
  }

  public boolean mayStillBeHeld(long nowNanos) {
    return nowNanos < possiblyHeldUntilNanos;
  }
}
