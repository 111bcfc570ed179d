package gfs.shell;

/** The command line asks for something impossible or incomplete: exit code 2. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
