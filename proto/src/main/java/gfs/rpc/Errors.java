package gfs.rpc;

import gfs.proto.Error;
import gfs.proto.ErrorCode;

/** Builds the in-band errors every gfs response carries. */
public final class Errors {
  private Errors() {}

  public static Error of(ErrorCode code, String message) {
    return Error.newBuilder().setCode(code).setMessage(message).build();
  }

  public static Error notLeader(String leaderHint) {
    return Error.newBuilder().setCode(ErrorCode.NOT_LEADER)
        .setMessage("this master is not the leader")
        .setLeaderHint(leaderHint == null ? "" : leaderHint).build();
  }

  /** True when a response's error field means success. */
  public static boolean ok(Error error) {
    return error == null || error.getCode() == ErrorCode.OK;
  }
}
