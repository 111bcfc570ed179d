package gfs.master.admin;

import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.rpc.Errors;

/** An administrative request this master refuses or could not carry out, as the in-band error to answer. */
public final class AdminRefusal extends Exception {
  private final ErrorCode code;

  public AdminRefusal(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public AdminRefusal(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public Error toError() {
    return Errors.of(code, getMessage());
  }
}
