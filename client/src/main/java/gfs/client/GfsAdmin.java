package gfs.client;

import gfs.client.common.Deadline;
import gfs.client.master.AdminReplies;
import gfs.client.master.ClusterStatusCollector;
import gfs.client.master.MasterClient;
import gfs.proto.AddMasterRequest;
import gfs.proto.AddMasterResponse;
import gfs.proto.BalancerRequest;
import gfs.proto.BalancerResponse;
import gfs.proto.DecommissionRequest;
import gfs.proto.DecommissionResponse;
import gfs.proto.FsckRequest;
import gfs.proto.FsckResponse;
import gfs.proto.GcStatusRequest;
import gfs.proto.GcStatusResponse;
import gfs.proto.RemoveMasterRequest;
import gfs.proto.RemoveMasterResponse;
import gfs.proto.ReplicationStatusRequest;
import gfs.proto.ReplicationStatusResponse;
import gfs.proto.SetSafeModeRequest;
import gfs.proto.SetSafeModeResponse;
import gfs.proto.TakeCheckpointRequest;
import gfs.proto.TakeCheckpointResponse;
import gfs.proto.TransferLeaderRequest;
import gfs.proto.TransferLeaderResponse;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Administrative requests to the master leader (found as for any other call), for the
 * shell and operators' tools. Obtained from {@link GfsClient#admin()}; shares its channels.
 *
 * <p>Leadership, membership and checkpoint requests make the leader work while the caller
 * waits (a new peer is brought up to date, a checkpoint is written): each call may take the
 * whole operation timeout rather than one RPC timeout, so that it is not sent again early; so
 * does fsck, which walks the tree it checks.
 *
 * <p>Chunk health, the replication queue, garbage collection and the balancer are the leader's
 * to tell (replica locations and background work are its soft state): those calls, like every
 * change, go to the leader.
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

  /**
   * Every chunkserver the masters know, as the leader sees it (any answering master when no
   * leader answers), in id order.
   */
  public List<ClusterView.Chunkserver> chunkservers() throws GfsException {
    return clusterStatus.collect(deadline()).chunkservers().stream()
        .sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  /** One chunkserver; NOT_FOUND naming the known ones when no master knows it. */
  public ClusterView.Chunkserver chunkserver(String id) throws GfsException {
    List<ClusterView.Chunkserver> all = chunkservers();
    for (ClusterView.Chunkserver cs : all) {
      if (cs.id().equals(id)) {
        return cs;
      }
    }
    throw new GfsException(GfsException.Kind.NOT_FOUND, "no chunkserver " + id + " is known to the masters"
        + (all.isEmpty() ? " (none has registered)"
            : " (known: " + all.stream().map(ClusterView.Chunkserver::id).collect(Collectors.joining(", ")) + ")"));
  }

  /** The chunkservers added up and grouped by rack and host, with the cluster view they come from. */
  public ClusterReport report() throws GfsException {
    return ClusterReport.of(clusterStatus.collect(deadline()));
  }

  /**
   * Checks the chunks of a file or directory tree (path "/" for everything but the trash).
   *
   * @param detail how much to list beyond the summary
   * @param maxEntries files plus chunks listed at most (1..10000; 0 = the master's default, 1000)
   */
  public FsckReport fsck(String path, FsckReport.Detail detail, int maxEntries) throws GfsException {
    FsckRequest request = FsckRequest.newBuilder().setPath(path)
        .setListFiles(detail.compareTo(FsckReport.Detail.FILES) >= 0)
        .setListChunks(detail.compareTo(FsckReport.Detail.CHUNKS) >= 0)
        .setListLocations(detail == FsckReport.Detail.LOCATIONS).setMaxEntries(maxEntries).build();
    return AdminReplies.fsck(master.adminChecked("fsck " + path, deadline(), operationTimeoutMs,
        stub -> stub.fsck(request), FsckResponse::getError));
  }

  /** The re-replication queue by priority (at most maxEntries chunks listed; 0 = 100) and the clones under way. */
  public ReplicationStatus replicationStatus(int maxEntries) throws GfsException {
    ReplicationStatusRequest request = ReplicationStatusRequest.newBuilder().setMaxEntries(maxEntries).build();
    return AdminReplies.replication(master.adminChecked("replication status", deadline(),
        stub -> stub.replicationStatus(request), ReplicationStatusResponse::getError));
  }

  public GcStatus gcStatus() throws GfsException {
    return AdminReplies.gc(master.adminChecked("gc status", deadline(),
        stub -> stub.gcStatus(GcStatusRequest.getDefaultInstance()), GcStatusResponse::getError));
  }

  public BalancerStatus balancerStatus() throws GfsException {
    return balancer(BalancerRequest.Action.STATUS, "balancer status");
  }

  /** Turns rebalancing on (in the replicated state; the next scan plans moves) and returns its status. */
  public BalancerStatus startBalancer() throws GfsException {
    return balancer(BalancerRequest.Action.START, "start the balancer");
  }

  /** Turns rebalancing off (moves under way finish) and returns its status. */
  public BalancerStatus stopBalancer() throws GfsException {
    return balancer(BalancerRequest.Action.STOP, "stop the balancer");
  }

  private BalancerStatus balancer(BalancerRequest.Action action, String what) throws GfsException {
    BalancerRequest request = BalancerRequest.newBuilder().setAction(action).build();
    return AdminReplies.balancer(master.adminChecked(what, deadline(), stub -> stub.balancer(request),
        BalancerResponse::getError));
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
    return setSafeMode(true).on();
  }

  public boolean leaveSafeMode() throws GfsException {
    return setSafeMode(false).on();
  }

  /** Whether the leader is in safe mode (changes nothing). */
  public boolean isSafeMode() throws GfsException {
    return safeModeStatus().on();
  }

  /** Safe mode and when it last changed (changes nothing). */
  public SafeModeStatus safeModeStatus() throws GfsException {
    return safeMode(SetSafeModeRequest.getDefaultInstance());
  }

  /** Enters (on) or leaves safe mode through the log; returns the setting once committed. */
  public SafeModeStatus setSafeMode(boolean on) throws GfsException {
    return safeMode(SetSafeModeRequest.newBuilder().setEnter(on).setLeave(!on).build());
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

  private SafeModeStatus safeMode(SetSafeModeRequest request) throws GfsException {
    SetSafeModeResponse response = master.adminChecked(request.getEnter() ? "enter safe mode"
            : request.getLeave() ? "leave safe mode" : "get safe mode", deadline(),
        stub -> stub.setSafeMode(request), SetSafeModeResponse::getError);
    return new SafeModeStatus(response.getSafeMode(), response.getChangedAtMs());
  }

  private Deadline deadline() {
    return Deadline.afterMs(operationTimeoutMs);
  }
}
