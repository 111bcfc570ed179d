package gfs.client.data;

import gfs.client.GfsException;
import gfs.client.common.ChunkRange;
import gfs.client.common.Deadline;
import gfs.client.common.GfsPaths;
import gfs.client.location.ChunkLocator;
import gfs.proto.ChunkLocation;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a file range chunk by chunk. The file ends inside its last chunk, at that chunk's
 * length; a chunk before the last that is shorter than the chunk size (written past, never
 * filled) reads as zeros up to the chunk size, so reads agree with {@link #length}.
 */
public final class FileReader {
  /** Bytes asked for in one Read RPC. */
  public static final int MAX_READ_RPC_BYTES = 4 << 20;

  private final ChunkLocator locator;
  private final ReplicaReader replicas;

  public FileReader(ChunkLocator locator, ReplicaReader replicas) {
    this.locator = locator;
    this.replicas = replicas;
  }

  /** Reads up to length bytes at offset; returns the count, or -1 at or past the end. */
  public int read(String path, long offset, byte[] buffer, int bufferOffset, int length,
      Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
    if (offset < 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "read of " + path + " at negative offset " + offset);
    }
    if (offset > Long.MAX_VALUE - length) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "read of " + length + " bytes of " + path + " at offset " + offset + " overflows");
    }
    if (length == 0) {
      return 0;
    }
    long chunkSize = locator.chunkSize(path, deadline);
    int total = 0;
    for (ChunkRange range : ChunkRange.split(offset, length, chunkSize)) {
      int read = readRange(path, range, buffer, bufferOffset + range.bufferOffset(), deadline);
      total += read;
      if (read < range.length()) {
        break; // end of file
      }
    }
    return total == 0 ? -1 : total;
  }

  /** The exact length: full chunks before the last, plus the last chunk's length. */
  public long length(String path, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    long chunkSize = locator.chunkSize(path, deadline);
    ChunkLocator.Fetched first = locator.fetch(path, 0, deadline);
    long chunkCount = Math.max(0, first.fileChunkCount());
    if (chunkCount == 0) {
      return 0;
    }
    long lastIndex = chunkCount - 1;
    ChunkLocation last = lastIndex == 0 ? first.location() : locator.locate(path, lastIndex, deadline);
    if (last == null) {
      throw new GfsException(GfsException.Kind.NO_CHUNKSERVERS, "last chunk (index "
          + lastIndex + ") of " + path + " has no location known to the master");
    }
    return lastIndex * chunkSize + replicas.chunkLength(path, last, deadline);
  }

  /**
   * Reads one in-chunk range into buffer[at...]; returns fewer bytes than asked only when
   * the file ends inside it.
   */
  private int readRange(String path, ChunkRange range, byte[] buffer, int at, Deadline deadline)
      throws GfsException {
    ChunkLocation location = locator.locate(path, range.chunkIndex(), deadline);
    if (location == null) {
      return 0; // no such chunk: past the end of the file
    }
    boolean knownNotLast = false;
    int done = 0;
    while (done < range.length()) {
      int want = Math.min(MAX_READ_RPC_BYTES, range.length() - done);
      ReplicaReader.Piece piece = replicas.read(path, location,
          range.offsetInChunk() + done, want, deadline);
      location = piece.location();
      int got = Math.min(piece.data().size(), want);
      piece.data().substring(0, got).copyTo(buffer, at + done);
      done += got;
      if (got == want) {
        continue;
      }
      // The chunk ends before the range does.
      if (!knownNotLast) {
        ChunkLocator.Fetched fresh = locator.fetch(path, range.chunkIndex(), deadline);
        if (fresh.location() == null || fresh.fileChunkCount() < 0
            || range.chunkIndex() >= fresh.fileChunkCount() - 1) {
          return done; // the last chunk: the file ends here
        }
        // A later chunk exists: read once more, in case this one grew meanwhile.
        knownNotLast = true;
        continue;
      }
      Arrays.fill(buffer, at + done, at + range.length(), (byte) 0);
      return range.length();
    }
    return done;
  }
}
