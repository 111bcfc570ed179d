package gfs.shell.command;

import gfs.shell.CommandFailedException;
import gfs.shell.output.Formats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits input into lines, each kept with its newline, for record append. A line longer than
 * the record limit is refused before it is read whole, so memory stays bounded by the limit.
 * A last line without a newline gets one: every record is a complete line.
 */
final class LineRecords {
  private static final int READ_BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final long maxRecordBytes;
  private final byte[] buffer = new byte[READ_BUFFER_BYTES];
  private int position;
  private int limit;
  private boolean endOfInput;
  private long lineNumber;

  LineRecords(InputStream in, long maxRecordBytes) {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next line with its newline, or null at the end of input. */
  byte[] next() throws IOException, CommandFailedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (position == limit && !fill()) {
        if (line.size() == 0) {
          return null;
        }
        line.write('\n');
        return checked(line);
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      boolean newline = position < limit;
      if (newline) {
        position++;
      }
      line.write(buffer, start, position - start);
      checkSize(line.size() + (newline ? 0 : 1));
      if (newline) {
        return checked(line);
      }
    }
  }

  /** The number of the line last returned, from 1. */
  long lineNumber() {
    return lineNumber;
  }

  private byte[] checked(ByteArrayOutputStream line) throws CommandFailedException {
    checkSize(line.size());
    lineNumber++;
    return line.toByteArray();
  }

  private void checkSize(long bytes) throws CommandFailedException {
    if (bytes > maxRecordBytes) {
      throw new CommandFailedException("line " + (lineNumber + 1) + " of the input is over the"
          + " record limit of " + maxRecordBytes + " bytes (" + Formats.size(maxRecordBytes)
          + ", a quarter of the chunk size); lines before it were appended");
    }
  }

  private boolean fill() throws IOException {
    if (endOfInput) {
      return false;
    }
    int n = in.read(buffer);
    if (n < 0) {
      endOfInput = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
