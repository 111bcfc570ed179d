package gfs.client.io;

import gfs.client.GfsClient;
import gfs.client.common.ChunkRange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Sequential writer of a gfs file from a start offset (0, or the file's length to add to its
 * end). Buffers up to a few MB and writes each buffer as one write that never crosses a chunk
 * boundary (one mutation of one chunk). close() flushes; writing after close fails. Not
 * thread-safe.
 */
public final class GfsOutputStream extends OutputStream {
  /** Bytes buffered before a write. */
  public static final int DEFAULT_BUFFER_BYTES = 4 << 20;

  private final GfsClient client;
  private final String path;
  private final long chunkSizeBytes;
  private final byte[] buffer;
  private int count;          // bytes in buffer
  private long filePosition;  // file offset of buffer[0]
  private boolean closed;

  public GfsOutputStream(GfsClient client, String path, long chunkSizeBytes, int bufferBytes) {
    this(client, path, 0, chunkSizeBytes, bufferBytes);
  }

  public GfsOutputStream(GfsClient client, String path, long startOffset, long chunkSizeBytes,
      int bufferBytes) {
    if (chunkSizeBytes <= 0 || bufferBytes <= 0 || startOffset < 0) {
      throw new IllegalArgumentException("chunk size " + chunkSizeBytes + " and buffer "
          + bufferBytes + " bytes must be positive, start offset " + startOffset + " not negative");
    }
    this.client = client;
    this.path = path;
    this.chunkSizeBytes = chunkSizeBytes;
    this.filePosition = startOffset;
    this.buffer = new byte[(int) Math.min(bufferBytes, chunkSizeBytes)];
  }

  /** Bytes written to the stream so far (buffered or not). */
  public long position() {
    return filePosition + count;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    ensureOpen();
    Objects.checkFromIndexSize(offset, length, data.length);
    int done = 0;
    while (done < length) {
      int room = capacity(filePosition, chunkSizeBytes, buffer.length) - count;
      int n = Math.min(room, length - done);
      System.arraycopy(data, offset + done, buffer, count, n);
      count += n;
      done += n;
      if (count == capacity(filePosition, chunkSizeBytes, buffer.length)) {
        writeBuffer();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    writeBuffer();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      writeBuffer();
    } finally {
      closed = true;
    }
  }

  /**
   * How many bytes the buffer may hold when it starts at filePosition: its size, cut at
   * the next chunk boundary so that one buffer is one write to one chunk.
   */
  static int capacity(long filePosition, long chunkSizeBytes, int bufferBytes) {
    return (int) Math.min(bufferBytes, ChunkRange.bytesToChunkEnd(filePosition, chunkSizeBytes));
  }

  private void writeBuffer() throws IOException {
    if (count == 0) {
      return;
    }
    // On failure the bytes stay buffered, so a later flush or close tries again.
    client.write(path, filePosition, buffer, 0, count);
    filePosition += count;
    count = 0;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("output stream of " + path + " is closed");
    }
  }
}
