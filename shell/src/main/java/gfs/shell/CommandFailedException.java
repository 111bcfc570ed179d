package gfs.shell;

import java.util.List;

/**
 * An operation failed for a reason the shell itself found (exit code 1). The message is the
 * one line printed after "gfs: "; detail lines (such as the tail of a server log) follow it.
 */
public final class CommandFailedException extends Exception {
  private final List<String> detail;

  public CommandFailedException(String message) {
    this(message, List.of());
  }

  public CommandFailedException(String message, List<String> detail) {
    super(message);
    this.detail = List.copyOf(detail);
  }

  public List<String> detail() {
    return detail;
  }
}
