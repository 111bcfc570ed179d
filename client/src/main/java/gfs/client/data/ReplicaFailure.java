package gfs.client.data;

import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.proto.ChunkserverInfo;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import io.grpc.StatusRuntimeException;

/**
 * A chunkserver refused or could not be reached; the message names it. Internal to the
 * retry loops, which turn it into a GfsException when they give up.
 */
public final class ReplicaFailure extends Exception {
  private final ErrorCode code;
  private final boolean transport;

  private ReplicaFailure(ErrorCode code, boolean transport, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.transport = transport;
  }

  /** An in-band refusal by server. */
  public static ReplicaFailure refused(ChunkserverInfo server, Error error) {
    String message = error.getMessage().contains(server.getId()) || server.getId().isEmpty()
        ? ErrorMapping.describe(error)
        : Describe.server(server) + ": " + ErrorMapping.describe(error);
    return new ReplicaFailure(error.getCode(), false, message, null);
  }

  /** server could not be reached, was too slow, or broke the call. */
  public static ReplicaFailure unreachable(ChunkserverInfo server, StatusRuntimeException e) {
    return new ReplicaFailure(ErrorCode.UNAVAILABLE, true,
        Describe.server(server) + ": " + ErrorMapping.describe(e), e);
  }

  /** A failure of a push along a chain, already described. */
  public static ReplicaFailure of(ErrorCode code, boolean transport, String message) {
    return new ReplicaFailure(code, transport, message, null);
  }

  public ErrorCode code() {
    return code;
  }

  public boolean transport() {
    return transport;
  }

  /**
   * A refusal that no retry elsewhere can fix: the request itself is wrong (bad offset,
   * oversized record, no permission).
   */
  public boolean isFinal() {
    return !transport && (code == ErrorCode.INVALID_ARGUMENT || code == ErrorCode.OUT_OF_RANGE
        || code == ErrorCode.RECORD_TOO_LARGE || code == ErrorCode.PERMISSION_DENIED);
  }
}
