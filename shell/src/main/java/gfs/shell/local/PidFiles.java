package gfs.shell.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * D/NAME.pid while a server of a local cluster runs. A pid file whose process is gone, or
 * whose pid now belongs to some other program, is stale and ignored.
 */
final class PidFiles {
  private PidFiles() {}

  static void write(Path file, long pid) throws IOException {
    Files.writeString(file, pid + "\n", StandardCharsets.UTF_8);
  }

  /** The live process the pid file names, if its command line carries the marker. */
  static Optional<ProcessHandle> live(Path file, String commandLineMarker) {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> commandLine(handle)
            .map(line -> line.contains(commandLineMarker))
            // Some systems hide other users' command lines; a live pid is then taken as ours.
            .orElse(true));
  }

  /**
   * The whole command line. ProcessHandle.Info cuts it at 4 KB on Linux, and a server's class
   * path alone is about that long, so the --config path at its end was lost and a running
   * server taken for a stranger: /proc/PID/cmdline has all of it.
   */
  static Optional<String> commandLine(ProcessHandle handle) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
      return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
    } catch (IOException | RuntimeException e) {
      return handle.info().commandLine();
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover pid file is harmless: it is recognised as stale at the next start.
    }
  }
}
