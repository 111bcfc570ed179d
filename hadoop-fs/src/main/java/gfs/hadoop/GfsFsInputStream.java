package gfs.hadoop;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileSystem;

/**
 * A seekable reader of one gfs file. Sequential reads go through a read-ahead buffer; positioned
 * reads (PositionedReadable) go straight to the client and leave the stream's position and
 * buffer alone, so they are safe from many threads. A seek only moves the position: the next
 * read fetches from there.
 *
 * <p>The length is learnt at open and asked again only when a seek or read reaches it, so a file
 * that grows while open (appended by another writer) can still be read to its new end.
 * Not thread-safe for sequential use (as Hadoop's own streams).
 */
final class GfsFsInputStream extends FSInputStream {
  private final GfsClient client;
  private final String path;
  private final byte[] buffer;
  private final FileSystem.Statistics statistics;
  private long bufferStart;   // file offset of buffer[0]
  private int bufferLength;   // valid bytes in buffer
  private long position;      // file offset of the next byte returned
  private long knownLength;
  private boolean closed;

  GfsFsInputStream(GfsClient client, String path, long length, int bufferBytes,
      FileSystem.Statistics statistics) {
    this.client = client;
    this.statistics = statistics;
    this.path = path;
    this.knownLength = length;
    this.buffer = new byte[bufferBytes];
  }

  @Override
  public synchronized void seek(long target) throws IOException {
    ensureOpen();
    if (target < 0) {
      throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + " " + target + " in " + path);
    }
    if (target > knownLength && target > refreshLength()) {
      throw new EOFException(FSExceptionMessages.CANNOT_SEEK_PAST_EOF + ": " + target + " in "
          + path + " of " + knownLength + " bytes");
    }
    position = target;
  }

  @Override
  public synchronized long getPos() throws IOException {
    ensureOpen();
    return position;
  }

  /** gfs reads already fail over between replicas on their own. */
  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] target, int offset, int length) throws IOException {
    ensureOpen();
    Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    if (buffered() == 0 && !fill()) {
      return -1;
    }
    int n = Math.min(length, buffered());
    System.arraycopy(buffer, (int) (position - bufferStart), target, offset, n);
    position += n;
    return n;
  }

  @Override
  public synchronized long skip(long n) throws IOException {
    ensureOpen();
    if (n <= 0) {
      return 0;
    }
    // Never past the end of the file (asking its length only when the skip would pass it).
    long end = position + n > knownLength ? refreshLength() : knownLength;
    long target = Math.min(position + n, Math.max(position, end));
    long skipped = target - position;
    position = target;
    return skipped;
  }

  @Override
  public synchronized int available() throws IOException {
    ensureOpen();
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, knownLength - position));
  }

  /** A positioned read: does not move the stream's position. */
  @Override
  public int read(long at, byte[] target, int offset, int length) throws IOException {
    validatePositionedReadArgs(at, target, offset, length);
    ensureOpen();
    if (length == 0) {
      return 0;
    }
    try {
      int n = client.read(path, at, target, offset, length);
      if (n > 0) {
        statistics.incrementBytesRead(n);
      }
      return n;
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    bufferLength = 0;
  }

  private int buffered() {
    long inBuffer = bufferStart + bufferLength - position;
    return position < bufferStart || inBuffer <= 0 ? 0 : (int) inBuffer;
  }

  /** Reads ahead from position; false at the end of the file. */
  private boolean fill() throws IOException {
    int n;
    try {
      n = client.read(path, position, buffer, 0, buffer.length);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
    if (n <= 0) {
      bufferLength = 0;
      return false;
    }
    statistics.incrementBytesRead(n);
    bufferStart = position;
    bufferLength = n;
    knownLength = Math.max(knownLength, position + n);
    return true;
  }

  private long refreshLength() throws IOException {
    try {
      knownLength = client.length(path);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
    return knownLength;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + path);
    }
  }
}
