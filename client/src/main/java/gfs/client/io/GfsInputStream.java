package gfs.client.io;

import gfs.client.GfsClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Sequential reader of a gfs file from offset 0. Reads ahead in large pieces so that a
 * caller reading a few bytes at a time does not make an RPC each time. Not thread-safe.
 */
public final class GfsInputStream extends InputStream {
  /** Bytes fetched per read-ahead. */
  public static final int DEFAULT_READ_AHEAD_BYTES = 4 << 20;

  private final GfsClient client;
  private final String path;
  private final int readAheadBytes;
  private byte[] buffer;
  private long bufferStart;   // file offset of buffer[0]
  private int bufferLength;   // valid bytes in buffer
  private long position;      // file offset of the next byte to return
  private boolean closed;

  public GfsInputStream(GfsClient client, String path, int readAheadBytes) {
    if (readAheadBytes <= 0) {
      throw new IllegalArgumentException("read-ahead of " + readAheadBytes + " bytes");
    }
    this.client = client;
    this.path = path;
    this.readAheadBytes = readAheadBytes;
  }

  /** The file offset of the next byte read. */
  public long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    ensureOpen();
    Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    int buffered = buffered();
    if (buffered == 0) {
      if (length >= readAheadBytes) {
        // A large read gains nothing from the buffer: read straight into the caller's array.
        int n = client.read(path, position, target, offset, length);
        if (n > 0) {
          position += n;
        }
        return n;
      }
      if (!fill()) {
        return -1;
      }
      buffered = buffered();
    }
    int n = Math.min(length, buffered);
    System.arraycopy(buffer, (int) (position - bufferStart), target, offset, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    ensureOpen();
    if (n <= 0) {
      return 0;
    }
    if (n <= buffered()) {
      position += n;
      return n;
    }
    // Beyond what is buffered: never skip past the end of the file.
    long target = Math.min(position + n, Math.max(position, client.length(path)));
    long skipped = target - position;
    position = target;
    return skipped;
  }

  /** Bytes that can be read without an RPC. */
  @Override
  public int available() throws IOException {
    ensureOpen();
    return buffered();
  }

  @Override
  public void close() {
    closed = true;
    buffer = null;
    bufferLength = 0;
  }

  private int buffered() {
    long inBuffer = bufferStart + bufferLength - position;
    return position < bufferStart || inBuffer <= 0 ? 0 : (int) inBuffer;
  }

  /** Reads ahead from position; false at the end of the file. */
  private boolean fill() throws IOException {
    if (buffer == null) {
      buffer = new byte[readAheadBytes];
    }
    int n = client.read(path, position, buffer, 0, buffer.length);
    if (n <= 0) {
      bufferLength = 0;
      return false;
    }
    bufferStart = position;
    bufferLength = n;
    return true;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("input stream of " + path + " is closed");
    }
  }
}
