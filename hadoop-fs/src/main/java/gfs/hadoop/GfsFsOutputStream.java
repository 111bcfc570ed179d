package gfs.hadoop;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.io.GfsOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.Syncable;

/**
 * Hadoop's view of a gfs writer ({@link GfsOutputStream}, from offset 0 for a created file or
 * the file's length for an append), with Hadoop's flush semantics and exceptions.
 *
 * <p>flush() keeps the bytes buffered (Hadoop callers flush often); hflush writes the buffer: a
 * gfs write returns once every replica has applied it, so the bytes are then visible to every
 * new reader and to getFileStatus. hsync does the same; whether the bytes are also on the
 * chunkservers' disks is the servers' choice (chunkserver.fsync), which a client cannot see, so
 * the stream does not claim the hsync capability. Not thread-safe (as Hadoop's own streams).
 */
final class GfsFsOutputStream extends OutputStream implements Syncable, StreamCapabilities {
  private final String path;
  private final GfsOutputStream out;
  private boolean closed;

  GfsFsOutputStream(GfsClient client, String path, long startOffset, long chunkSizeBytes,
      int bufferBytes) {
    this.path = path;
    this.out = new GfsOutputStream(client, path, startOffset, chunkSizeBytes, bufferBytes);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    ensureOpen();
    try {
      out.write(data, offset, length);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
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
    try {
      out.flush();
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
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
    closed = true;
    try {
      out.close();
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + path);
    }
  }
}
