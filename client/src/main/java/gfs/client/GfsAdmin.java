package gfs.client;

import gfs.client.common.Deadline;
import gfs.client.master.ClusterStatusCollector;
import gfs.client.master.MasterClient;
import gfs.proto.AddMasterRequest;
import gfs.proto.AddMasterResponse;
import gfs.proto.DecommissionRequest;
import gfs.proto.DecommissionResponse;
import gfs.proto.RemoveMasterRequest;
import gfs.proto.RemoveMasterResponse;
import gfs.proto.SetSafeModeRequest;
import gfs.proto.SetSafeModeResponse;
import gfs.proto.TakeCheckpointRequest;
import gfs.proto.TakeCheckpointResponse;
import gfs.proto.TransferLeaderRequest;
import gfs.proto.TransferLeaderResponse;
import java.util.List;

/**
 * Administrative requests to the master leader (found as for any other call), for the
 * shell and operators' tools. Obtained from {@link GfsClient#admin()}; shares its channels.
 *
 * <p>Leadership, membership and checkpoint requests make the leader work while the caller
 * waits (a new peer is brought up to date, a checkpoint is written): each call may take the
 * whole operation timeout rather than one RPC timeout, so that it is not sent again early.
 */
public final class GfsAdmin {
  private final MasterClient master;
  private final ClusterStatusCollector clusterStatus;
  private final long operationTimeoutMs;

  GfsAdmin(MasterClient master, ClusterStatusCollector clusterStatus, long operationTimeoutMs) {
    this.master = master;
    this.clusterStatus = clusterStatus;
    this.operationTimeoutMs = operationTimeoutMs;
  }

  /**
   * Every master peer with its Raft role, term, commit and applied index, and its lag behind
   * the leader (-1 when no leader answered): voters, then shadows, then peers the leader
   * knows that the client was not configured with.
   */
  public List<ClusterView.Master> masters() throws GfsException {
    return clusterStatus.collect(deadline()).masters();
  }

  /**
   * Asks the leader to hand leadership to the voting master with this id; returns once that
   * master leads (nothing happens if it already does).
   */
  public void transferLeader(String targetMasterId) throws GfsException {
    TransferLeaderRequest request =
        TransferLeaderRequest.newBuilder().setTargetId(targetMasterId).build();
    master.adminChecked("transfer leadership to " + targetMasterId, deadline(),
        operationTimeoutMs, stub -> stub.transferLeader(request), TransferLeaderResponse::getError);
  }

  /** Drains a chunkserver: its chunks are re-replicated elsewhere before it may be removed. */
  public void decommission(String chunkserverId) throws GfsException {
    setDecommissioned(chunkserverId, false);
  }

  /** Takes a decommissioning chunkserver back into service. */
  public void recommission(String chunkserverId) throws GfsException {
    setDecommissioned(chunkserverId, true);
  }

  /** Enters safe mode (mutations refused); returns whether the master is in safe mode. */
  public boolean enterSafeMode() throws GfsException {
    return safeMode(SetSafeModeRequest.newBuilder().setEnter(true).build());
  }

  public boolean leaveSafeMode() throws GfsException {
    return safeMode(SetSafeModeRequest.newBuilder().setLeave(true).build());
  }

  /** Whether the leader is in safe mode (changes nothing). */
  public boolean isSafeMode() throws GfsException {
    return safeMode(SetSafeModeRequest.getDefaultInstance());
  }

  /** Asks the leader for a checkpoint now; returns the log index it covers. */
  public long takeCheckpoint() throws GfsException {
    return master.adminChecked("take a checkpoint", deadline(), operationTimeoutMs,
        stub -> stub.takeCheckpoint(TakeCheckpointRequest.getDefaultInstance()),
        TakeCheckpointResponse::getError).getIndex();
  }

  /**
   * Adds a master peer: a voter, or a listener (read-only shadow). Start it first (its config
   * listing the group and itself): the leader brings it up to date before the change commits.
   * Adding the same peer again succeeds.
   *
   * @param raftAddress host:port of its Raft port
   * @param serviceAddress host:port of its master service port
   */
  public void addMaster(String id, String raftAddress, String serviceAddress, boolean listener)
      throws GfsException {
    AddMasterRequest request = AddMasterRequest.newBuilder().setId(id)
        .setRaftAddress(raftAddress).setServiceAddress(serviceAddress).setListener(listener)
        .build();
    master.adminChecked("add master " + id, deadline(), operationTimeoutMs,
        stub -> stub.addMaster(request), AddMasterResponse::getError);
  }

  /**
   * Removes a follower or shadow from the master group (not the leader: transfer leadership
   * first; not the last voter). Stop its process afterwards.
   */
  public void removeMaster(String id) throws GfsException {
    RemoveMasterRequest request = RemoveMasterRequest.newBuilder().setId(id).build();
    master.adminChecked("remove master " + id, deadline(), operationTimeoutMs,
        stub -> stub.removeMaster(request), RemoveMasterResponse::getError);
  }

  private void setDecommissioned(String chunkserverId, boolean recommission)
      throws GfsException {
    DecommissionRequest request = DecommissionRequest.newBuilder()
        .setChunkserverId(chunkserverId).setRecommission(recommission).build();
    master.adminChecked((recommission ? "recommission " : "decommission ") + chunkserverId,
        deadline(), stub -> stub.decommission(request), DecommissionResponse::getError);
  }

  private boolean safeMode(SetSafeModeRequest request) throws GfsException {
    return master.adminChecked("set safe mode", deadline(), stub -> stub.setSafeMode(request),
        SetSafeModeResponse::getError).getSafeMode();
  }

  private Deadline deadline() {
    return Deadline.afterMs(operationTimeoutMs);
  }
}
