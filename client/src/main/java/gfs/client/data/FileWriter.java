package gfs.client.data;

import gfs.client.GfsException;
import gfs.client.common.Backoff;
import gfs.client.common.ChunkRange;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.client.common.GfsPaths;
import gfs.client.location.ChunkLocator;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file range chunk by chunk. A failed attempt on a chunk (push, primary or a
 * secondary) leaves the region inconsistent; the writer asks the master again (telling it
 * the primary failed) and rewrites the whole piece, a bounded number of times.
 */
public final class FileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FileWriter.class);
  /** Failed mutation attempts per chunk piece before giving up (waits for a lease do not count). */
  public static final int MAX_ATTEMPTS = 5;

  private final ChunkLocator locator;
  private final LeaseProvider leases;
  private final ChunkMutator mutator;

  public FileWriter(ChunkLocator locator, LeaseProvider leases, ChunkMutator mutator) {
    this.locator = locator;
    this.leases = leases;
    this.mutator = mutator;
  }

  public void write(String path, long offset, byte[] data, int dataOffset, int length,
      Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    Objects.checkFromIndexSize(dataOffset, length, data.length);
    if (offset < 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "write to " + path + " at negative offset " + offset);
    }
    if (offset > Long.MAX_VALUE - length) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "write of " + length + " bytes to " + path + " at offset " + offset + " overflows");
    }
    if (length == 0) {
      return;
    }
    long chunkSize = locator.chunkSize(path, deadline);
    for (ChunkRange range : ChunkRange.split(offset, length, chunkSize)) {
      writeRange(path, range, data, dataOffset + range.bufferOffset(), deadline);
    }
  }

  private void writeRange(String path, ChunkRange range, byte[] data, int at, Deadline deadline)
      throws GfsException {
    Backoff backoff = Backoff.standard();
    long failedVersion = LeaseProvider.NO_FAILURE;
    String lastError = null;
    String chunk = "chunk index " + range.chunkIndex() + " of " + path;
    int failures = 0;
    while (!deadline.expired()) {
      Lease lease;
      try {
        lease = leases.forChunk(path, range.chunkIndex(), failedVersion, deadline);
      } catch (GfsException e) {
        // E.g. a dead primary's lease must run out first: wait, bounded by the deadline only.
        if (!isTransient(e)) {
          throw e;
        }
        if (deadline.expired()) {
          throw cutShort(e, "write of " + range.length() + " bytes to " + chunk, deadline, lastError);
        }
        lastError = e.getMessage();
        backoff.pause(deadline);
        continue;
      }
      chunk = Describe.chunk(lease.handle(), range.chunkIndex(), path);
      try {
        mutator.write(lease, range.offsetInChunk(), data, at, range.length(), deadline);
        locator.remember(path, lease.location());
        return;
      } catch (ReplicaFailure failure) {
        if (failure.isFinal()) {
          throw new GfsException(ErrorMapping.kindOf(failure.code()),
              "write of " + range.length() + " bytes to " + chunk + " refused: "
                  + failure.getMessage());
        }
        lastError = failure.getMessage();
        failedVersion = lease.version();
        leases.invalidate(path, range.chunkIndex());
        locator.invalidate(path, range.chunkIndex());
        if (++failures >= MAX_ATTEMPTS) {
          break;
        }
        LOG.warn("write of {} bytes to {} failed (attempt {} of {}), retrying: {}",
            range.length(), chunk, failures, MAX_ATTEMPTS, lastError);
        backoff.pause(deadline);
      }
    }
    throw new GfsException(GfsException.Kind.WRITE_FAILED, "write of " + range.length()
        + " bytes at offset " + range.offsetInChunk() + " of " + chunk + " failed after "
        + failures + " failed attempt(s): "
        + (lastError == null ? "timed out after " + deadline.timeoutMs() + " ms" : lastError));
  }

  /**
   * The error for a retry loop whose last call the deadline cut short: the answer before it
   * (lastError, e.g. why no replica could be placed) says more than the timed-out call.
   */
  static GfsException cutShort(GfsException e, String what, Deadline deadline, String lastError) {
    return lastError == null ? e : new GfsException(e.kind(), what + " failed: timed out after "
        + deadline.timeoutMs() + " ms; last error: " + lastError);
  }

  /** Master answers worth another try: no replica could be placed or reached just now. */
  static boolean isTransient(GfsException e) {
    return e.kind() == GfsException.Kind.NO_CHUNKSERVERS
        || e.kind() == GfsException.Kind.UNAVAILABLE;
  }
}
