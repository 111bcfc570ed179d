package gfs.hadoop;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.Syncable;

/**
 * A writer of one gfs file from a start offset: 0 for a created file, the file's length for an
 * append. Bytes are buffered and written with one gfs write per buffer, cut at chunk boundaries
 * so that one write is one mutation of one chunk.
 *
 * <p>hflush writes the buffer: a gfs write returns once every replica has applied it, so the
 * bytes are then visible to every new reader and to getFileStatus. hsync does the same; whether
 * the bytes are also on the chunkservers' disks is the servers' choice (chunkserver.fsync), which
 * a client cannot see, so the stream does not claim the hsync capability.
 * Not thread-safe (as Hadoop's own output streams).
 */
final class GfsFsOutputStream extends OutputStream implements Syncable, StreamCapabilities {
  private final GfsClient client;
  private final String path;
  private final long chunkSizeBytes;
  private final byte[] buffer;
  private int count;          // bytes in buffer
  private long filePosition;  // file offset of buffer[0]
  private boolean closed;

  GfsFsOutputStream(GfsClient client, String path, long startOffset, long chunkSizeBytes,
      int bufferBytes) {
    this.client = client;
    this.path = path;
    this.chunkSizeBytes = chunkSizeBytes;
    this.filePosition = startOffset;
    this.buffer = new byte[(int) Math.min(bufferBytes, chunkSizeBytes)];
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
      int capacity = capacity();
      int n = Math.min(capacity - count, length - done);
      System.arraycopy(data, offset + done, buffer, count, n);
      count += n;
      done += n;
      if (count == capacity) {
        writeBuffer();
      }
    }
  }

  /** Keeps the bytes buffered: Hadoop callers flush often; hflush is the visibility point. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
  }

  @Override
  public void hflush() throws IOException {
    ensureOpen();
    writeBuffer();
  }

  @Override
  public void hsync() throws IOException {
    hflush();
  }

  @Override
  public boolean hasCapability(String capability) {
    return switch (capability.toLowerCase(Locale.ENGLISH)) {
      case StreamCapabilities.HFLUSH -> true;
      default -> false;
    };
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

  /** What the buffer may hold from filePosition: its size, cut at the next chunk boundary. */
  private int capacity() {
    return (int) Math.min(buffer.length, chunkSizeBytes - filePosition % chunkSizeBytes);
  }

  private void writeBuffer() throws IOException {
    if (count == 0) {
      return;
    }
    try {
      // On failure the bytes stay buffered, so a later hflush or close tries again.
      client.write(path, filePosition, buffer, 0, count);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
    filePosition += count;
    count = 0;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + path);
    }
  }
}
