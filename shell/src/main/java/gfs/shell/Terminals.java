package gfs.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of the standard streams are terminals: a progress bar is drawn only on a terminal's
 * stderr, and `gfs shell` is interactive only when its stdin is one.
 */
public record Terminals(boolean stdin, boolean stdout, boolean stderr) {
  /** No terminal at all: tests, pipes, files. */
  public static final Terminals NONE = new Terminals(false, false, false);

  /**
   * This process's streams. System.console() says whether stdin and stdout are terminals;
   * on Linux /proc/self/fd/N tells each apart (a terminal is /dev/pts/N or /dev/ttyN).
   */
  public static Terminals system() {
    boolean console = System.console() != null;
    return new Terminals(isTerminal(0, console), isTerminal(1, console), isTerminal(2, console));
  }

  static boolean isTerminal(int fd, boolean fallback) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return fallback; // no /proc (not Linux): trust System.console()
    }
  }
}
