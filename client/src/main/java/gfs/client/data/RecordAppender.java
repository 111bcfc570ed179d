package gfs.client.data;

import gfs.client.GfsException;
import gfs.client.common.Backoff;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.client.common.GfsPaths;
import gfs.client.location.ChunkLocator;
import gfs.proto.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record append, at least once: push the record, ask the primary of the last chunk to
 * append it where it sees fit. When the chunk is full (the primary padded it) go on to the
 * next chunk; when anything else fails, retry with a fresh lease, which may leave a
 * duplicate or a partial copy on some replica, as the paper allows.
 */
public final class RecordAppender {
  private static final Logger LOG = LoggerFactory.getLogger(RecordAppender.class);
  /** Failed appends (not full chunks, not waits for a lease) before giving up. */
  public static final int MAX_FAILED_ATTEMPTS = 5;
  /** Full chunks stepped over in one append; each needs another appender to fill it first. */
  public static final int MAX_FULL_CHUNKS = 64;

  private final LeaseProvider leases;
  private final ChunkMutator mutator;
  private final ChunkLocator locator;

  public RecordAppender(LeaseProvider leases, ChunkMutator mutator, ChunkLocator locator) {
    this.leases = leases;
    this.mutator = mutator;
    this.locator = locator;
  }

  /** The largest record: a quarter of the chunk size. */
  public static long maxRecordBytes(long chunkSizeBytes) {
    return chunkSizeBytes / 4;
  }

  /** Appends record; returns the file offset of (this copy of) it. */
  public long append(String path, byte[] record, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    if (record.length == 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "record append to " + path + ": the record is empty");
    }
    // Refused before anything is pushed; the chunk size is asked of the master once.
    long chunkSizeBytes = locator.chunkSize(path, deadline);
    checkSize(path, record.length, chunkSizeBytes);
    Backoff backoff = Backoff.standard();
    long chunkIndex = -1; // -1: the file's last chunk
    long failedVersion = LeaseProvider.NO_FAILURE;
    boolean askMaster = false; // for the last chunk: skip what this client remembers
    int failures = 0;
    int fullChunks = 0;
    String lastError = null;
    while (!deadline.expired()) {
      Lease lease;
      try {
        lease = chunkIndex < 0
            ? leases.forLastChunk(path, askMaster, deadline)
            : leases.forChunk(path, chunkIndex, failedVersion, deadline);
      } catch (GfsException e) {
        // E.g. a dead primary's lease must run out first: wait, bounded by the deadline only.
        if (!FileWriter.isTransient(e)) {
          throw e;
        }
        if (deadline.expired()) {
          throw FileWriter.cutShort(e, "record append of " + record.length + " bytes to " + path, deadline,
              lastError);
        }
        lastError = e.getMessage();
        backoff.pause(deadline);
        continue;
      }
      checkSize(path, record.length, lease.chunkSizeBytes());
      try {
        long offsetInChunk = mutator.append(lease, record, deadline);
        return placed(path, lease, chunkSizeBytes, offsetInChunk, record.length);
      } catch (ReplicaFailure failure) {
        if (failure.code() == ErrorCode.CHUNK_FULL) {
          if (++fullChunks > MAX_FULL_CHUNKS) {
            lastError = failure.getMessage();
            break;
          }
          // Padded: the record goes to the next chunk (added if missing). When that one is
          // full too, others are filling chunks fast: ask the master for the last one, and
          // so on alternately, so that both a missing and a far-away last chunk are reached.
          leases.rememberAppendedChunk(path, lease.chunkIndex() + 1);
          boolean nextChunk = fullChunks % 2 == 1;
          chunkIndex = nextChunk ? lease.chunkIndex() + 1 : -1;
          askMaster = !nextChunk;
          failedVersion = LeaseProvider.NO_FAILURE;
          continue;
        }
        if (failure.isFinal()) {
          throw new GfsException(ErrorMapping.kindOf(failure.code()), "record append of "
              + record.length + " bytes to " + describe(lease, path) + " refused: "
              + failure.getMessage());
        }
        lastError = failure.getMessage();
        leases.invalidate(path, lease.chunkIndex());
        if (++failures >= MAX_FAILED_ATTEMPTS) {
          break;
        }
        LOG.warn("record append of {} bytes to {} failed (attempt {} of {}), retrying: {}",
            record.length, describe(lease, path), failures, MAX_FAILED_ATTEMPTS, lastError);
        chunkIndex = lease.chunkIndex();
        failedVersion = lease.version();
        backoff.pause(deadline);
      }
    }
    throw new GfsException(GfsException.Kind.WRITE_FAILED, "record append of " + record.length
        + " bytes to " + path + " failed after " + failures + " failed attempt(s)"
        + (fullChunks > 0 ? " and " + fullChunks + " full chunk(s)" : "") + ": "
        + (lastError == null ? "timed out after " + deadline.timeoutMs() + " ms" : lastError));
  }

  private long placed(String path, Lease lease, long knownChunkBytes, long offsetInChunk,
      int length) throws GfsException {
    long chunkBytes = lease.chunkSizeBytes() > 0 ? lease.chunkSizeBytes() : knownChunkBytes;
    if (offsetInChunk < 0 || offsetInChunk + length > chunkBytes) {
      // A record never straddles a chunk: a primary saying so is broken, do not trust it.
      throw new GfsException(GfsException.Kind.INTERNAL, "primary "
          + Describe.server(lease.primary()) + " placed a " + length + "-byte record at offset "
          + offsetInChunk + " of " + describe(lease, path) + ", beyond its " + chunkBytes
          + "-byte chunk size");
    }
    leases.rememberAppendedChunk(path, lease.chunkIndex());
    locator.remember(path, lease.location()); // its version, for reading the record back
    return lease.chunkIndex() * chunkBytes + offsetInChunk;
  }

  private static void checkSize(String path, int recordBytes, long chunkSizeBytes)
      throws GfsException {
    if (chunkSizeBytes > 0 && recordBytes > maxRecordBytes(chunkSizeBytes)) {
      throw new GfsException(GfsException.Kind.RECORD_TOO_LARGE, "record of " + recordBytes
          + " bytes for " + path + " exceeds the limit of " + maxRecordBytes(chunkSizeBytes)
          + " bytes (a quarter of the " + chunkSizeBytes + "-byte chunk size)");
    }
  }

  private static String describe(Lease lease, String path) {
    return Describe.chunk(lease.handle(), lease.chunkIndex(), path);
  }
}
