package gfs.client.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a file range that falls in one chunk: every read and write is cut at chunk
 * boundaries because each chunk has its own replicas and lease.
 *
 * @param chunkIndex which chunk of the file
 * @param offsetInChunk where the piece starts inside the chunk
 * @param bufferOffset where the piece starts in the caller's buffer, relative to its start
 * @param length bytes in this piece, never crossing the chunk's end
 */
public record ChunkRange(long chunkIndex, long offsetInChunk, int bufferOffset, int length) {

  /** Cuts [fileOffset, fileOffset + length) at multiples of chunkSizeBytes. */
  public static List<ChunkRange> split(long fileOffset, int length, long chunkSizeBytes) {
    if (fileOffset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "range at " + fileOffset + " of " + length + " bytes is negative");
    }
    if (chunkSizeBytes <= 0) {
      throw new IllegalArgumentException("chunk size " + chunkSizeBytes + " is not positive");
    }
    if (fileOffset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException(
          "range at " + fileOffset + " of " + length + " bytes overflows a file offset");
    }
    List<ChunkRange> ranges = new ArrayList<>();
    int done = 0;
    while (done < length) {
      long position = fileOffset + done;
      long offsetInChunk = position % chunkSizeBytes;
      int piece = (int) Math.min(length - done, chunkSizeBytes - offsetInChunk);
      ranges.add(new ChunkRange(position / chunkSizeBytes, offsetInChunk, done, piece));
      done += piece;
    }
    return ranges;
  }

  /** Bytes from fileOffset to the end of its chunk. */
  public static long bytesToChunkEnd(long fileOffset, long chunkSizeBytes) {
    return chunkSizeBytes - fileOffset % chunkSizeBytes;
  }
}
