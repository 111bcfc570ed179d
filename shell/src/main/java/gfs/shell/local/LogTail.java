package gfs.shell.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server log, for the operator when a server does not come up. */
final class LogTail {
  private static final int MAX_TAIL_BYTES = 16 << 10;

  private LogTail() {}

  static List<String> lines(Path log, int maxLines) {
    if (!Files.isRegularFile(log)) {
      return List.of("(no log at " + log + ")");
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, MAX_TAIL_BYTES);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      List<String> lines = new ArrayList<>(Arrays.asList(
          new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
      if (size < length && !lines.isEmpty()) {
        lines.remove(0);
      }
      return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }
}
