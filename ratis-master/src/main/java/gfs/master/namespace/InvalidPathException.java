package gfs.master.namespace;

/** A path that is not well formed; the message names it. */
public final class InvalidPathException extends IllegalArgumentException {
  public InvalidPathException(String message) {
    super(message);
  }
}
