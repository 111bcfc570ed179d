package gfs.master.rpc;

import gfs.master.config.MasterConfig;
import gfs.master.raft.RaftNode;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.rpc.Errors;

/** Decides whether this master may answer a call, and where to send the caller otherwise. */
public final class LeaderCheck {
  private final RaftNode raft;
  private final MasterConfig config;

  public LeaderCheck(RaftNode raft, MasterConfig config) {
    this.raft = raft;
    this.config = config;
  }

  /** Null when this master is the ready leader (or a stale read is allowed), else the error. */
  public Error refuse(boolean allowStale) {
    if (allowStale || raft.isReadyLeader()) {
      return null;
    }
    String leaderId = raft.leaderId();
    if (leaderId.isEmpty() || leaderId.equals(config.id())) {
      return Errors.of(ErrorCode.NO_LEADER, "master " + config.id()
          + " knows no ready leader yet (election in progress)");
    }
    return Errors.notLeader(config.serviceAddressOf(leaderId));
  }
}
