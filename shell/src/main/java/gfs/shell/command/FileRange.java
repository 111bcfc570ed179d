package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.io.IOException;
import java.io.InputStream;

/** Parts of a gfs file for head and tail: byte ranges and where lines start and end. */
final class FileRange {
  /** Bytes asked for in one read while scanning for line ends. */
  static final int SCAN_PIECE_BYTES = 64 * 1024;
  /** Bytes asked for in one read while copying a range out. */
  static final int COPY_PIECE_BYTES = 1 << 20;

  private FileRange() {}

  /** The file's status; a directory is refused with IS_A_DIRECTORY. */
  static FileStatus requireFile(GfsClient client, String path) throws GfsException {
    FileStatus status = client.stat(path);
    if (status.directory()) {
      throw new GfsException(GfsException.Kind.IS_A_DIRECTORY, path + " is a directory");
    }
    return status;
  }

  /** The bytes [offset, end) of the file, read as they are consumed (fewer if it ends first). */
  static InputStream stream(GfsClient client, String path, long offset, long end) {
    return new InputStream() {
      private long position = offset;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int at, int length) throws IOException {
        if (position >= end) {
          return -1;
        }
        int want = (int) Math.min(Math.min(length, COPY_PIECE_BYTES), end - position);
        int n = client.read(path, position, buffer, at, want);
        if (n > 0) {
          position += n;
        }
        return n;
      }
    };
  }

  /** The offset just past the first `lines` line ends ('\n'), or the file's end if fewer. */
  static long endOfFirstLines(GfsClient client, String path, int lines) throws GfsException {
    byte[] piece = new byte[SCAN_PIECE_BYTES];
    long position = 0;
    int seen = 0;
    int n;
    while ((n = client.read(path, position, piece, 0, piece.length)) > 0) {
      for (int i = 0; i < n; i++) {
        if (piece[i] == '\n' && ++seen == lines) {
          return position + i + 1;
        }
      }
      position += n;
    }
    return position;
  }

  /**
   * Where the last `lines` lines of the first `end` bytes start: just past the line end before
   * them, or 0. A final line end does not start another (empty) line.
   */
  static long startOfLastLines(GfsClient client, String path, long end, int lines)
      throws GfsException {
    byte[] piece = new byte[SCAN_PIECE_BYTES];
    long scanEnd = end;
    int seen = 0;
    while (scanEnd > 0) {
      long start = Math.max(0, scanEnd - piece.length);
      int length = (int) (scanEnd - start);
      int got = readFully(client, path, start, piece, length);
      for (int i = got - 1; i >= 0; i--) {
        boolean finalLineEnd = start + i == end - 1;
        if (piece[i] == '\n' && !finalLineEnd && ++seen == lines) {
          return start + i + 1;
        }
      }
      scanEnd = start;
    }
    return 0;
  }

  private static int readFully(GfsClient client, String path, long offset, byte[] buffer,
      int length) throws GfsException {
    int done = 0;
    while (done < length) {
      int n = client.read(path, offset + done, buffer, done, length - done);
      if (n <= 0) {
        break;
      }
      done += n;
    }
    return done;
  }
}
