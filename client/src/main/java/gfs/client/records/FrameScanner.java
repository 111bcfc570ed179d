package gfs.client.records;

import java.io.IOException;
import java.util.Arrays;

/**
 * Finds the valid frames ({@link RecordFrame}) of a byte source in order, passing over
 * whatever record append left between them: zero padding, fragments of failed appends, bytes
 * that are nobody's record. It looks for the magic, checks that the claimed length is
 * possible (at most a quarter chunk, ending inside the chunk and the file) and that the
 * checksum matches; anything else is skipped one byte at a time, so a valid frame right
 * after garbage is still found. A frame whose checksum fails is never yielded.
 *
 * <p>Frames never straddle chunks, so the scan works one chunk at a time: the window of
 * bytes read holds part of one chunk only, and the tail of a chunk too short for a header,
 * or holding no magic, is passed over to the next chunk boundary. The window is at least one
 * largest frame long, so a frame that starts in it can always be completed by reading on.
 *
 * <p>The end is the source's length when the scan starts: a frame still being appended at
 * the end is not complete and is skipped. Not thread-safe.
 */
public final class FrameScanner {
  /** Window size when chunks are large: reads of this size, not one RPC per record. */
  public static final int DEFAULT_WINDOW_BYTES = 4 << 20;
  private static final byte MAGIC_FIRST = (byte) (RecordFrame.MAGIC >>> 24);

  private final ByteSource source;
  private final long chunkSizeBytes;
  private final int maxFrameBytes;
  private final byte[] window;
  private long windowStart;   // file offset of window[0]
  private int windowLength;   // valid bytes in window
  private long end = -1;      // the source's length, read at the first call
  private long position;      // file offset the scan has reached
  private long skippedBytes;
  private long rejectedFrames;

  /**
   * chunkSizeBytes: the file's chunk size (frames never cross a multiple of it); the largest
   * frame is a quarter of it, as for any record append.
   */
  public FrameScanner(ByteSource source, long chunkSizeBytes) {
    this(source, chunkSizeBytes, DEFAULT_WINDOW_BYTES);
  }

  FrameScanner(ByteSource source, long chunkSizeBytes, int windowBytes) {
    if (chunkSizeBytes < 4L * RecordFrame.HEADER_BYTES || chunkSizeBytes / 4 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("chunk size of " + chunkSizeBytes + " bytes");
    }
    this.source = source;
    this.chunkSizeBytes = chunkSizeBytes;
    this.maxFrameBytes = (int) (chunkSizeBytes / 4);
    // Never larger than a chunk (it holds one chunk's bytes), never smaller than a frame.
    this.window = new byte[(int) Math.max(maxFrameBytes, Math.min(chunkSizeBytes, windowBytes))];
  }

  /** The next valid frame, or null once the scan has reached the end. */
  public FileRecord next() throws IOException {
    if (end < 0) {
      end = source.length();
    }
    while (position < end) {
      long chunkEnd = Math.min(end, (position / chunkSizeBytes + 1) * chunkSizeBytes);
      if (chunkEnd - position < RecordFrame.HEADER_BYTES || !fill(chunkEnd, RecordFrame.HEADER_BYTES)) {
        skipTo(chunkEnd); // too short for a frame: padding, or a frame cut off at the end
        continue;
      }
      int at = (int) (position - windowStart);
      if (!RecordFrame.magicAt(window, at)) {
        skipTo(nextMagicCandidate(at + 1));
        continue;
      }
      long payloadLength = RecordFrame.payloadLengthAt(window, at);
      long frameBytes = RecordFrame.HEADER_BYTES + payloadLength;
      if (payloadLength < 0 || frameBytes > maxFrameBytes || position + frameBytes > chunkEnd
          || !fill(chunkEnd, (int) frameBytes)) {
        reject(); // a fragment, a frame cut off at the end of the file, or a stray magic
        continue;
      }
      at = (int) (position - windowStart);
      if (!RecordFrame.checksumMatches(window, at, (int) payloadLength)) {
        reject();
        continue;
      }
      FileRecord record = new FileRecord(position, RecordFrame.idAt(window, at),
          Arrays.copyOfRange(window, at + RecordFrame.HEADER_BYTES, at + (int) frameBytes));
      position += frameBytes;
      return record;
    }
    return null;
  }

  /** Bytes passed over that belong to no yielded frame (padding, garbage, rejected frames). */
  public long skippedBytes() {
    return skippedBytes;
  }

  /** Places where the magic was found but no valid frame followed (bad length or checksum). */
  public long rejectedFrames() {
    return rejectedFrames;
  }

  /** The file offset the scan has reached. */
  public long position() {
    return position;
  }

  private void reject() {
    rejectedFrames++;
    skipTo(position + 1); // a valid frame may start inside the rejected one
  }

  private void skipTo(long offset) {
    skippedBytes += offset - position;
    position = offset;
  }

  /**
   * The offset of the first place at or after window[from] that may hold the magic; when the
   * window holds none, the last 3 bytes of the window (a magic may start there and continue
   * in the next read), which ends the chunk's scan when the window reached the chunk's end.
   */
  private long nextMagicCandidate(int from) {
    int lastStart = windowLength - 4;
    for (int i = from; i <= lastStart; i++) {
      if (window[i] == MAGIC_FIRST && RecordFrame.magicAt(window, i)) {
        return windowStart + i;
      }
    }
    return windowStart + Math.max(from, lastStart + 1);
  }

  /**
   * Makes the window hold [position, position + need), reading on from the source in one
   * large read, never past chunkEnd; false when the source ended first.
   */
  private boolean fill(long chunkEnd, int need) throws IOException {
    long windowEnd = windowStart + windowLength;
    if (position >= windowStart && position + need <= windowEnd) {
      return true;
    }
    int keep = 0;
    if (position >= windowStart && position < windowEnd) {
      keep = (int) (windowEnd - position);
      System.arraycopy(window, (int) (position - windowStart), window, 0, keep);
    }
    windowStart = position;
    windowLength = keep;
    int want = (int) Math.min(window.length, chunkEnd - position);
    while (windowLength < want) {
      int n = source.read(windowStart + windowLength, window, windowLength, want - windowLength);
      if (n <= 0) {
        break; // the source is shorter than it said: what is read is all there is
      }
      windowLength += n;
    }
    return windowLength >= need;
  }
}
