package gfs.client.data;

import gfs.client.GfsException;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.client.common.RequestIds;
import gfs.client.location.ChunkLocator;
import gfs.client.master.MasterClient;
import gfs.proto.ErrorCode;
import gfs.proto.GetLeaseRequest;
import gfs.proto.GetLeaseResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases for writers: from the cache while valid, else from the master, adding chunks
 * the file lacks. The master adds a chunk only at the end of the file, so a write past
 * the end first creates the chunks in between, in order.
 */
public final class LeaseProvider {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseProvider.class);

  private final MasterClient master;
  private final RequestIds ids;
  private final LeaseCache cache;
  private final ChunkLocator locator;
  private final ChunkSize chunkSize;

  public LeaseProvider(MasterClient master, RequestIds ids, LeaseCache cache,
      ChunkLocator locator, ChunkSize chunkSize) {
    this.master = master;
    this.ids = ids;
    this.cache = cache;
    this.locator = locator;
    this.chunkSize = chunkSize;
  }

  /** failedVersion of a caller whose last lease did not fail it. */
  public static final long NO_FAILURE = -1;

  /**
   * The lease on chunk chunkIndex of path, creating it (and missing chunks before it) if
   * needed. failedVersion: {@link #NO_FAILURE}, or the version of the lease that just failed
   * us; the master checks that lease again, unless it has granted a newer one since.
   */
  public Lease forChunk(String path, long chunkIndex, long failedVersion, Deadline deadline)
      throws GfsException {
    if (failedVersion != NO_FAILURE) {
      cache.invalidate(path, chunkIndex);
    } else {
      Lease cached = cache.get(path, chunkIndex);
      if (cached != null) {
        return cached;
      }
    }
    GetLeaseResponse response = getLease(path, chunkIndex, false, failedVersion, deadline);
    if (!ErrorMapping.isOk(response.getError()) && mayBePastEnd(response.getError().getCode())) {
      long chunkCount = locator.fileChunkCount(path, deadline);
      if (chunkCount < chunkIndex) {
        createChunks(path, chunkCount, chunkIndex, deadline);
        response = getLease(path, chunkIndex, false, failedVersion, deadline);
      }
    }
    ErrorMapping.check(response.getError(), "get lease on chunk " + chunkIndex + " of " + path);
    Lease lease = accept(path, response);
    if (lease.chunkIndex() != chunkIndex) {
      throw new GfsException(GfsException.Kind.INTERNAL, "master answered a lease on chunk index "
          + lease.chunkIndex() + " of " + path + " when asked for index " + chunkIndex);
    }
    return lease;
  }

  /**
   * The lease on the file's last chunk (creating chunk 0 of an empty file). refresh: ask
   * the master even when this client remembers a lease on what it believes is the last chunk
   * (which was just found full).
   */
  public Lease forLastChunk(String path, boolean refresh, Deadline deadline)
      throws GfsException {
    long known = cache.lastChunkIndex(path);
    if (known >= 0 && !refresh) {
      Lease cached = cache.get(path, known);
      if (cached != null) {
        return cached;
      }
    }
    GetLeaseResponse response = getLease(path, 0, true, NO_FAILURE, deadline);
    ErrorMapping.check(response.getError(), "get lease on the last chunk of " + path);
    Lease lease = accept(path, response);
    cache.setLastChunk(path, lease.chunkIndex());
    return lease;
  }

  public void invalidate(String path, long chunkIndex) {
    cache.invalidate(path, chunkIndex);
  }

  public void rememberAppendedChunk(String path, long chunkIndex) {
    cache.rememberAppendedChunk(path, chunkIndex);
  }

  public void invalidateTree(String path) {
    cache.invalidateTree(path);
  }

  /** Errors a master may give when asked to add a chunk the file cannot have yet. */
  private static boolean mayBePastEnd(ErrorCode code) {
    return code == ErrorCode.OUT_OF_RANGE || code == ErrorCode.INVALID_ARGUMENT
        || code == ErrorCode.NOT_FOUND;
  }

  /** Adds chunks [from, to) of path, one after the other. */
  private void createChunks(String path, long from, long to, Deadline deadline)
      throws GfsException {
    LOG.debug("adding chunks {}..{} of {} before writing chunk {}", from, to - 1, path, to);
    for (long index = from; index < to; index++) {
      GetLeaseResponse response = getLease(path, index, false, NO_FAILURE, deadline);
      ErrorMapping.check(response.getError(), "add chunk " + index + " of " + path);
      accept(path, response);
    }
  }

  private Lease accept(String path, GetLeaseResponse response) throws GfsException {
    chunkSize.learn(response.getChunkSize());
    if (!response.hasLease() || !response.getLease().hasPrimary()
        || response.getLease().getPrimary().getHost().isEmpty()) {
      throw new GfsException(GfsException.Kind.INTERNAL,
          "master answered a lease without a primary for " + path);
    }
    Lease lease = new Lease(response.getLease(), response.getChunkSize());
    cache.put(path, lease);
    LOG.debug("lease on {}: primary {}, secondaries {}, version {}",
        Describe.chunk(lease.handle(), lease.chunkIndex(), path),
        Describe.server(lease.primary()), Describe.servers(lease.secondaries()), lease.version());
    return lease;
  }

  private GetLeaseResponse getLease(String path, long chunkIndex, boolean lastChunk,
      long failedVersion, Deadline deadline) throws GfsException {
    // One header per lease request: a retry of it on another master is deduplicated.
    GetLeaseRequest.Builder request = GetLeaseRequest.newBuilder().setHeader(ids.nextHeader())
        .setPath(path).setChunkIndex(chunkIndex).setCreateIfMissing(!lastChunk)
        .setLastChunk(lastChunk);
    if (failedVersion != NO_FAILURE) {
      request.setPrimaryFailed(true).setFailedVersion(failedVersion);
    }
    String what = lastChunk ? "get lease on the last chunk of " + path
        : "get lease on chunk " + chunkIndex + " of " + path;
    GetLeaseRequest built = request.build();
    return master.call(what, deadline, stub -> stub.getLease(built), GetLeaseResponse::getError);
  }
}
