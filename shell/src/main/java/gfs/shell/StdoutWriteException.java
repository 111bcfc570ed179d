package gfs.shell;

import java.io.IOException;

/**
 * Writing to standard output failed. A closed pipe (gfs cat f | head) ends the command
 * quietly, as it would a Unix tool killed by SIGPIPE; any other failure is reported.
 */
public final class StdoutWriteException extends IOException {
  public StdoutWriteException(IOException cause) {
    super("stdout: " + cause.getMessage(), cause);
  }

  public boolean brokenPipe() {
    String message = getCause().getMessage();
    return message != null && message.contains("Broken pipe");
  }
}
