package gfs.shell.command;

import gfs.shell.ShellContext;
import gfs.shell.Streams;
import gfs.shell.output.Json;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * File contents to standard output: the bytes as they are, or with --json one object
 * {"path", ["offset",] "encoding": "base64", "data", "length"} streamed without holding the file.
 */
final class DataOut {
  private DataOut() {}

  static long write(ShellContext context, String path, InputStream in, boolean json)
      throws IOException {
    return write(context, path, -1, in, json);
  }

  /** The same for a part of a file (head, tail): its JSON also says at which offset it starts. */
  static long write(ShellContext context, String path, long offset, InputStream in, boolean json)
      throws IOException {
    OutputStream stdout = context.rawStdout();
    if (!json) {
      long bytes = Streams.copy(in, stdout);
      stdout.flush();
      return bytes;
    }
    StringBuilder head = new StringBuilder("{\"path\":");
    Json.quote(head, path);
    if (offset >= 0) {
      head.append(",\"offset\":").append(offset);
    }
    head.append(",\"encoding\":\"base64\",\"data\":\"");
    stdout.write(head.toString().getBytes(StandardCharsets.UTF_8));
    long bytes;
    // The encoder's close writes the final padding; it must not close stdout.
    try (OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(stdout) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    })) {
      bytes = Streams.copy(in, base64);
    }
    stdout.write(("\",\"length\":" + bytes + "}\n").getBytes(StandardCharsets.UTF_8));
    stdout.flush();
    return bytes;
  }
}
