package gfs.client;

import java.io.IOException;

/** A failed gfs operation; the message is one line naming the path, chunk or peer. */
public class GfsException extends IOException {
  /** What went wrong, for callers that react differently to each. */
  public enum Kind {
    NOT_FOUND,
    ALREADY_EXISTS,
    NOT_A_DIRECTORY,
    IS_A_DIRECTORY,
    DIRECTORY_NOT_EMPTY,
    INVALID_ARGUMENT,
    RECORD_TOO_LARGE,
    NO_CHUNKSERVERS,
    /** No master or replica answered within the configured time. */
    UNAVAILABLE,
    CHECKSUM_MISMATCH,
    /** A mutation failed on some replica: the region may be inconsistent. */
    WRITE_FAILED,
    /** A chunkserver (named in the message) has no room for the data. */
    DISK_FULL,
    SAFE_MODE,
    PERMISSION_DENIED,
    INTERNAL
  }

  private final Kind kind;

  public GfsException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public GfsException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
