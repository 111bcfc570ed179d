package gfs.chunkserver.mutation;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.GrantLeaseResponse;
import gfs.proto.LeaseGrant;
import gfs.rpc.Errors;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master leader's GrantLease and RevokeLease: store the new version durably (creating
 * the chunk, or copying it for copy-on-write, when asked), refuse a version older than the
 * one held, and take or drop the lease. Runs under the chunk's mutation lock so a version
 * or lease never changes in the middle of a mutation.
 */
public final class LeaseGrants {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseGrants.class);

  private final String serverId;
  private final ChunkStore store;
  private final LeaseTable leases;
  private final MutationLocks locks;
  private final long defaultChunkSizeBytes;

  public LeaseGrants(String serverId, ChunkStore store, LeaseTable leases, MutationLocks locks,
      long defaultChunkSizeBytes) {
    this.serverId = serverId;
    this.store = store;
    this.leases = leases;
    this.locks = locks;
    this.defaultChunkSizeBytes = defaultChunkSizeBytes;
  }

  public GrantLeaseResponse grant(LeaseGrant grant) throws ChunkserverException {
    long handle = grant.getHandle();
    if (handle == 0 || grant.getVersion() <= 0 || (grant.getPrimary() && grant.getLeaseDurationMs() <= 0)) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "lease grant for " + chunk(handle) + " needs a handle, "
          + "a version > 0 and, for a primary, a duration > 0 (got version " + grant.getVersion()
          + ", duration " + grant.getLeaseDurationMs() + " ms)");
    }
    try (MutationLocks.Held held = locks.lock(handle)) {
      Optional<ChunkRecord> existing = store.record(handle);
      if (existing.isEmpty()) {
        obtain(grant);
      } else if (existing.get().version() > grant.getVersion()) {
        return GrantLeaseResponse.newBuilder()
            .setError(Errors.of(ErrorCode.STALE_VERSION, chunk(handle) + " is already at version "
                + existing.get().version() + " on " + serverId + ", newer than the granted " + grant.getVersion()))
            .setCurrentVersion(existing.get().version()).build();
      } else {
        store.setVersion(handle, grant.getVersion());
      }
      if (grant.getPrimary()) {
        leases.grant(handle, grant.getVersion(), grant.getLeaseDurationMs());
        LOG.debug("{}: primary of {} version {} for {} ms", serverId, chunk(handle), grant.getVersion(),
            grant.getLeaseDurationMs());
      } else {
        leases.drop(handle);
        LOG.debug("{}: secondary of {} version {}", serverId, chunk(handle), grant.getVersion());
      }
      return GrantLeaseResponse.newBuilder().setCurrentVersion(grant.getVersion()).build();
    }
  }

  /** A chunk this server does not hold yet: create it empty or copy it locally. */
  private void obtain(LeaseGrant grant) throws ChunkserverException {
    long handle = grant.getHandle();
    if (grant.getCopyFromHandle() != 0) {
      if (store.record(grant.getCopyFromHandle()).isEmpty()) {
        throw new ChunkserverException(ErrorCode.NOT_FOUND, "copy-on-write source " + chunk(grant.getCopyFromHandle())
            + " of " + chunk(handle) + " is not on " + serverId);
      }
      store.copyLocal(grant.getCopyFromHandle(), handle, grant.getVersion());
    } else if (grant.getCreate()) {
      long chunkSize = grant.getChunkSize() > 0 ? grant.getChunkSize() : defaultChunkSizeBytes;
      store.create(handle, grant.getVersion(), chunkSize);
    } else {
      throw new ChunkserverException(ErrorCode.NOT_FOUND, chunk(handle) + " is not on " + serverId);
    }
  }

  /** Drops the lease after any mutation in flight finished; unknown chunks are fine. */
  public void revoke(long handle) throws ChunkserverException {
    try (MutationLocks.Held held = locks.lock(handle)) {
      leases.drop(handle);
      LOG.debug("{}: lease on {} revoked", serverId, chunk(handle));
    }
  }

  public GetChunkInfoResponse info(long handle) throws ChunkserverException {
    ChunkRecord record = store.record(handle).orElseThrow(() ->
        new ChunkserverException(ErrorCode.NOT_FOUND, chunk(handle) + " is not on " + serverId));
    boolean primary = leases.status(handle, record.version()) == LeaseTable.Status.VALID;
    return GetChunkInfoResponse.newBuilder().setVersion(record.version()).setLength(record.length())
        .setPrimary(primary).setLeaseRemainingMs(leases.remainingMs(handle, record.version())).build();
  }
}
