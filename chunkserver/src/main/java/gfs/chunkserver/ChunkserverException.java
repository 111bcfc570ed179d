package gfs.chunkserver;

import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.rpc.Errors;

/**
 * A request failed for a reason the caller should hear in band (the response's error
 * field), such as a stale version or a checksum mismatch. The message is one line and
 * names the chunk, the peer or the path concerned.
 */
public final class ChunkserverException extends Exception {
  private final ErrorCode code;

  public ChunkserverException(ErrorCode code, String message) {
    super(Text.oneLine(message));
    this.code = code;
  }

  public ChunkserverException(ErrorCode code, String message, Throwable cause) {
    super(Text.oneLine(message), cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public Error toError() {
    return Errors.of(code, getMessage());
  }
}
