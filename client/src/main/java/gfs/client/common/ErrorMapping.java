package gfs.client.common;

import gfs.client.GfsException;
import gfs.client.GfsException.Kind;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Turns in-band errors and gRPC statuses into {@link GfsException}s and one-line texts. */
public final class ErrorMapping {
  private ErrorMapping() {}

  public static Kind kindOf(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> Kind.NOT_FOUND;
      case ALREADY_EXISTS -> Kind.ALREADY_EXISTS;
      case NOT_A_DIRECTORY -> Kind.NOT_A_DIRECTORY;
      case IS_A_DIRECTORY -> Kind.IS_A_DIRECTORY;
      case DIRECTORY_NOT_EMPTY -> Kind.DIRECTORY_NOT_EMPTY;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> Kind.INVALID_ARGUMENT;
      case NOT_LEADER, NO_LEADER, UNAVAILABLE -> Kind.UNAVAILABLE;
      case NO_CHUNKSERVERS -> Kind.NO_CHUNKSERVERS;
      case CHECKSUM_MISMATCH -> Kind.CHECKSUM_MISMATCH;
      case RECORD_TOO_LARGE -> Kind.RECORD_TOO_LARGE;
      case DISK_FULL -> Kind.DISK_FULL;
      case STALE_VERSION, LEASE_EXPIRED, NOT_PRIMARY, CHUNK_FULL, DATA_NOT_PUSHED,
          SECONDARY_FAILED -> Kind.WRITE_FAILED;
      case SAFE_MODE -> Kind.SAFE_MODE;
      case PERMISSION_DENIED -> Kind.PERMISSION_DENIED;
      case OK, INTERNAL, UNRECOGNIZED -> Kind.INTERNAL;
    };
  }

  /**
   * The exception for an in-band error, with the server's message (which names the path,
   * chunk or peer); context is used only when the server sent no message.
   */
  public static GfsException toException(Error error, String context) {
    String message = error.getMessage().isBlank()
        ? context + ": " + error.getCode()
        : error.getMessage();
    return new GfsException(kindOf(error.getCode()), message);
  }

  /** Throws the mapped exception unless error means success. */
  public static void check(Error error, String context) throws GfsException {
    if (!isOk(error)) {
      throw toException(error, context);
    }
  }

  public static boolean isOk(Error error) {
    return error == null || error.getCode() == ErrorCode.OK;
  }

  /** "CODE: message" of an in-band error. */
  public static String describe(Error error) {
    return error.getMessage().isBlank()
        ? error.getCode().name()
        : error.getCode() + ": " + error.getMessage();
  }

  /** "CODE: description" of a transport failure. */
  public static String describe(StatusRuntimeException e) {
    Status status = e.getStatus();
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode() + ": " + status.getDescription();
  }

  /**
   * Transport failures worth trying elsewhere or again: the peer is down, slow, overloaded
   * or went away mid-call (gRPC reports a connection that closed under a call as UNKNOWN
   * "channel closed"; retries are safe because masters deduplicate calls and chunkserver
   * retries are new attempts). A stream the peer reset is one too, whatever HTTP/2 code it
   * gave: a server stopping under a call (a rolling restart) resets its streams, and gRPC
   * reports RST_STREAM INTERNAL_ERROR as INTERNAL, CANCEL as CANCELLED. Anything else
   * (UNIMPLEMENTED, INTERNAL ...) is a bug or a wrong address and retrying would only hide it.
   */
  public static boolean isRetryable(StatusRuntimeException e) {
    Status status = e.getStatus();
    Status.Code code = status.getCode();
    return code == Status.Code.UNAVAILABLE
        || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.RESOURCE_EXHAUSTED
        || code == Status.Code.ABORTED
        || code == Status.Code.UNKNOWN
        || isStreamReset(status);
  }

  /** gRPC's own wording for a stream the peer closed with RST_STREAM. */
  private static boolean isStreamReset(Status status) {
    String description = status.getDescription();
    return description != null && description.startsWith("RST_STREAM closed stream");
  }
}
