package gfs.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copying with a buffer large enough for chunkserver pipelines, not InputStream's 8 KB. */
public final class Streams {
  public static final int COPY_BUFFER_BYTES = 1 << 20;

  private Streams() {}

  /** Copies in to out until end of input; returns the bytes copied. Closes neither. */
  public static long copy(InputStream in, OutputStream out) throws IOException {
    return copy(in, out, Progress.NONE);
  }

  /** The same, telling progress of every piece written. */
  public static long copy(InputStream in, OutputStream out, Progress progress) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER_BYTES];
    long total = 0;
    int n;
    while ((n = readFully(in, buffer)) > 0) {
      out.write(buffer, 0, n);
      total += n;
      progress.add(n);
    }
    return total;
  }

  /** Fills the buffer unless input ends first, so writes go out in whole large pieces. */
  private static int readFully(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }
}
