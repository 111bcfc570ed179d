package gfs.client.records;

import java.io.IOException;

/**
 * Random-access bytes the record reader scans: a gfs file in production, a byte array in
 * tests, a local copy of a file (`gfs get`) for offline tools.
 */
public interface ByteSource {
  /** Bytes available now; the reader scans up to the length it saw when it started. */
  long length() throws IOException;

  /**
   * Reads up to len bytes at offset into buffer[at...]; returns the count read (possibly
   * fewer than len), or -1 at or past the end.
   */
  int read(long offset, byte[] buffer, int at, int len) throws IOException;

  /** A source over an in-memory array. */
  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public int read(long offset, byte[] buffer, int at, int len) {
        if (offset >= bytes.length) {
          return -1;
        }
        int n = (int) Math.min(len, bytes.length - offset);
        System.arraycopy(bytes, (int) offset, buffer, at, n);
        return n;
      }
    };
  }
}
