package gfs.master.rpc;

import gfs.master.admin.AdminRefusal;
import gfs.master.admin.GroupAdmin;
import gfs.master.admin.RaftAdmin;
import gfs.master.admin.StatusReports;
import gfs.master.admin.Switchboard;
import gfs.master.fsck.Fsck;
import gfs.master.gc.GarbageCollector;
import gfs.master.namespace.InvalidPathException;
import gfs.master.namespace.Switches;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.config.MasterConfig;
import gfs.master.namespace.Namespace;
import gfs.master.raft.Proposer;
import gfs.master.raft.RaftNode;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.replication.ScanTally;
import gfs.master.statemachine.GfsStateMachine;
import gfs.master.store.MasterStore;
import gfs.proto.AddMasterRequest;
import gfs.proto.AddMasterResponse;
import gfs.proto.BalancerRequest;
import gfs.proto.BalancerResponse;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.DecommissionOp;
import gfs.proto.DecommissionRequest;
import gfs.proto.DecommissionResponse;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.FsckRequest;
import gfs.proto.FsckResponse;
import gfs.proto.GcStatusRequest;
import gfs.proto.GcStatusResponse;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.MasterStatus;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
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
import gfs.rpc.Errors;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administration: every master answers ClusterStatus with its own Raft position, the leader
 * also with the chunkservers, counts and how far behind it every other peer is. The leader
 * carries out leadership transfers, membership changes (through Raft) and checkpoints;
 * other masters answer NOT_LEADER with a hint. Decommission, safe mode and the balancer switch
 * are logged through Raft (so a new leader keeps them); the drain itself is the
 * {@link ReplicationMonitor}'s. Fsck, replication, gc and balancer status come from the leader,
 * whose chunk locations and background loops they report.
 */
public final class MasterAdminServiceImpl extends MasterAdminServiceGrpc.MasterAdminServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(MasterAdminServiceImpl.class);
  /** Bound on waiting for a checkpoint (an LMDB copy, seconds even for millions of files). */
  static final long CHECKPOINT_WAIT_MS = 120_000;

  private final MasterConfig config;
  private final RaftNode raft;
  private final ClusterState cluster;
  private final ReplicationMonitor replication;
  /** Its counts come from the leader's periodic GC scan, not from a scan per call. */
  private final GarbageCollector gc;
  private final Switchboard switches;
  private final StatusReports reports;
  private final Fsck fsck;
  private final Proposer proposer;
  private final MasterStore store;
  private final Namespace namespace;
  private final GfsStateMachine stateMachine;
  private final LeaderCheck leaderCheck;
  private final GroupAdmin group;

  public MasterAdminServiceImpl(MasterConfig config, RaftNode raft, ClusterState cluster,
      MasterStore store, Namespace namespace, GfsStateMachine stateMachine, Proposer proposer,
      ReplicationMonitor replication, GarbageCollector gc) {
    this.replication = replication;
    this.gc = gc;
    this.switches = new Switchboard(store, namespace, proposer, config.rpcTimeoutMs() * 2);
    this.reports = new StatusReports(replication, gc, cluster, System::nanoTime);
    this.fsck = new Fsck(store, namespace, cluster, config.chunkSizeBytes());
    this.proposer = proposer;
    this.config = config;
    this.raft = raft;
    this.cluster = cluster;
    this.store = store;
    this.namespace = namespace;
    this.stateMachine = stateMachine;
    this.leaderCheck = new LeaderCheck(raft, config);
    this.group = new GroupAdmin(config, new RaftAdmin(raft, config.id(), config.rpcTimeoutMs()));
  }

  @Override
  public void clusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusResponse> observer) {
    try {
      ClusterStatusResponse.Builder response = ClusterStatusResponse.newBuilder()
          .setLeaderId(raft.leaderId())
          .setAnsweredBy(config.id())
          .setChunkSize(config.chunkSizeBytes())
          .addMasters(MasterStatus.newBuilder().setId(config.id())
              .setAddress(config.self().serviceAddress()).setRaftAddress(config.self().raftAddress())
              .setRole(raft.role()).setTerm(raft.term())
              .setCommitIndex(raft.commitIndex()).setAppliedIndex(raft.appliedIndex()).setReachable(true));
      response.addAllPeers(group.peerStatuses());
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        response.setFileCount(namespace.inodeCount(txn)).setChunkCount(namespace.chunkCount(txn))
            .setSafeMode(namespace.safeMode(txn).on());
      }
      if (raft.isLeader() || request.getRead().getAllowStale()) {
        cluster.registry().live();
        ScanTally.Report report = replication.latest();
        countReplication(response, report);
        Set<String> decommissioning = cluster.decommissioning();
        for (ChunkserverRegistry.Entry entry : cluster.registry().all()) {
          String id = entry.info().getId();
          long chunkCount = cluster.locations().chunkCount(id);
          ChunkserverStatus.Builder status = ChunkserverStatus.newBuilder().setServer(entry.info())
              .setState(cluster.registry().isLive(id) ? ChunkserverState.LIVE : ChunkserverState.DEAD)
              .setDisk(entry.disk()).setChunkCount(chunkCount)
              .setLastHeartbeatAgeMs(cluster.registry().ageMs(entry))
              .setMetricsAddress(entry.metricsAddress())
              .setClonesInFlight(replication.throttle().receiving(id));
          if (decommissioning.contains(id)) {
            drainState(status, report.toDrain(id), chunkCount);
          }
          response.addChunkservers(status);
        }
      }
      Replies.send(observer, response.build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "clusterStatus", e);
    }
  }

  /** The last periodic count, not a scan per call: status must stay cheap at any namespace size. */
  private void countReplication(ClusterStatusResponse.Builder response, ScanTally.Report report) {
    response.setUnderReplicatedChunks(report.underReplicated()).setMissingChunks(report.missing())
        .setOverReplicatedChunks(report.overReplicated())
        .setClonesInFlight(replication.throttle().total())
        .setDeletedEntries(gc.trashEntries());
  }

  /**
   * DECOMMISSIONED (safe to remove) once a scan since the decommission found none of its
   * replicas still needed; until a scan has seen it, every chunk it holds counts as to drain.
   */
  private static void drainState(ChunkserverStatus.Builder status, long toDrain, long chunkCount) {
    long remaining = toDrain < 0 ? Math.max(1, chunkCount) : toDrain;
    status.setChunksToDrain(remaining);
    if (remaining == 0) {
      status.setState(ChunkserverState.DECOMMISSIONED);
    } else if (status.getState() == ChunkserverState.LIVE) {
      status.setState(ChunkserverState.DECOMMISSIONING);
    }
  }

  /** Logs the decommission (or recommission) of a chunkserver this leader has heard from. */
  @Override
  public void decommission(DecommissionRequest request, StreamObserver<DecommissionResponse> observer) {
    try {
      String id = request.getChunkserverId();
      String what = (request.getRecommission() ? "recommission" : "decommission") + " of chunkserver " + id;
      Error error = leaderCheck.refuse(false);
      if (error == null && cluster.registry().get(id) == null) {
        error = Errors.of(ErrorCode.NOT_FOUND, "no chunkserver " + id + " has registered with this master");
      }
      if (error == null) {
        error = logDecommission(id, !request.getRecommission(), what);
      }
      Replies.send(observer, error == null ? DecommissionResponse.getDefaultInstance()
          : DecommissionResponse.newBuilder().setError(error).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "decommission", e);
    }
  }

  private Error logDecommission(String id, boolean decommission, String what) {
    Operation op = Operation.newBuilder().setTimestampMs(System.currentTimeMillis())
        .setDecommission(DecommissionOp.newBuilder().setChunkserverId(id).setDecommission(decommission))
        .build();
    try {
      OperationResult result = proposer.propose(op).get(config.rpcTimeoutMs() * 2, TimeUnit.MILLISECONDS);
      if (!Errors.ok(result.getError())) {
        LOG.warn("{} refused: {}", what, result.getError().getMessage());
        return result.getError();
      }
      LOG.info("{} logged", what);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.of(ErrorCode.UNAVAILABLE, what + " interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return Errors.of(ErrorCode.UNAVAILABLE, what + " was not committed in time: " + e);
    }
  }

  @Override
  public void transferLeader(TransferLeaderRequest request, StreamObserver<TransferLeaderResponse> observer) {
    try {
      Error error = onLeader("transfer leadership to " + request.getTargetId(),
          () -> group.transferLeader(request.getTargetId()));
      Replies.send(observer, error == null ? TransferLeaderResponse.getDefaultInstance()
          : TransferLeaderResponse.newBuilder().setError(error).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "transferLeader", e);
    }
  }

  @Override
  public void addMaster(AddMasterRequest request, StreamObserver<AddMasterResponse> observer) {
    try {
      Error error = onLeader("add master " + request.getId(), () -> group.addMaster(request.getId(),
          request.getRaftAddress(), request.getServiceAddress(), request.getListener()));
      Replies.send(observer, error == null ? AddMasterResponse.getDefaultInstance()
          : AddMasterResponse.newBuilder().setError(error).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "addMaster", e);
    }
  }

  @Override
  public void removeMaster(RemoveMasterRequest request, StreamObserver<RemoveMasterResponse> observer) {
    try {
      Error error = onLeader("remove master " + request.getId(), () -> group.removeMaster(request.getId()));
      Replies.send(observer, error == null ? RemoveMasterResponse.getDefaultInstance()
          : RemoveMasterResponse.newBuilder().setError(error).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "removeMaster", e);
    }
  }

  private interface AdminAction {
    void run() throws AdminRefusal;
  }

  /** Runs the action on the leader: null when done, else the error to answer (NOT_LEADER elsewhere). */
  private Error onLeader(String what, AdminAction action) {
    Error refused = leaderCheck.refuse(false);
    if (refused != null) {
      return refused;
    }
    try {
      action.run();
      return null;
    } catch (AdminRefusal e) {
      LOG.warn("{}: {}", what, e.getMessage());
      return e.toError();
    }
  }

  /** Safe mode through the log: enter, leave, or (neither) tell whether it is on. */
  @Override
  public void setSafeMode(SetSafeModeRequest request, StreamObserver<SetSafeModeResponse> observer) {
    try {
      Switches.State[] state = new Switches.State[1];
      Error error = request.getEnter() && request.getLeave()
          ? Errors.of(ErrorCode.INVALID_ARGUMENT, "safe mode: enter or leave, not both")
          : onLeader("set safe mode", () -> state[0] = request.getEnter() ? switches.setSafeMode(true)
              : request.getLeave() ? switches.setSafeMode(false) : switches.safeMode());
      Replies.send(observer, error != null ? SetSafeModeResponse.newBuilder().setError(error).build()
          : SetSafeModeResponse.newBuilder().setSafeMode(state[0].on())
              .setChangedAtMs(state[0].changedAtMs()).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "setSafeMode", e);
    }
  }

  /** Checks a file or tree on the leader; stops when the caller gives up or leadership is lost. */
  @Override
  public void fsck(FsckRequest request, StreamObserver<FsckResponse> observer) {
    try {
      Error error = leaderCheck.refuse(false);
      int maxEntries = request.getMaxEntries() == 0 ? Fsck.DEFAULT_MAX_ENTRIES : request.getMaxEntries();
      if (error == null && (maxEntries < 1 || maxEntries > Fsck.MAX_ENTRIES)) {
        error = Errors.of(ErrorCode.INVALID_ARGUMENT, "fsck lists 1.." + Fsck.MAX_ENTRIES
            + " entries, not " + maxEntries);
      }
      if (error != null) {
        Replies.send(observer, FsckResponse.newBuilder().setError(error).build());
        return;
      }
      Context call = Context.current();
      Fsck.Options options = new Fsck.Options(request.getListFiles(), request.getListChunks(),
          request.getListLocations(), maxEntries);
      Replies.send(observer, fsck.run(request.getPath(), options, () -> !call.isCancelled() && raft.isLeader()));
    } catch (InvalidPathException e) {
      Replies.send(observer, FsckResponse.newBuilder()
          .setError(Errors.of(ErrorCode.INVALID_ARGUMENT, "fsck: " + e.getMessage())).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "fsck", e);
    }
  }

  @Override
  public void replicationStatus(ReplicationStatusRequest request,
      StreamObserver<ReplicationStatusResponse> observer) {
    try {
      Error error = leaderCheck.refuse(false);
      int maxEntries = request.getMaxEntries() == 0 ? StatusReports.DEFAULT_QUEUE_ENTRIES : request.getMaxEntries();
      if (error == null && (maxEntries < 1 || maxEntries > StatusReports.MAX_QUEUE_ENTRIES)) {
        error = Errors.of(ErrorCode.INVALID_ARGUMENT, "replication status lists 1.."
            + StatusReports.MAX_QUEUE_ENTRIES + " queued chunks, not " + maxEntries);
      }
      Replies.send(observer, error != null ? ReplicationStatusResponse.newBuilder().setError(error).build()
          : reports.replication(maxEntries, switches.safeMode().on()));
    } catch (RuntimeException e) {
      Replies.fail(observer, "replicationStatus", e);
    }
  }

  @Override
  public void gcStatus(GcStatusRequest request, StreamObserver<GcStatusResponse> observer) {
    try {
      Error error = leaderCheck.refuse(false);
      Replies.send(observer, error != null ? GcStatusResponse.newBuilder().setError(error).build() : reports.gc());
    } catch (RuntimeException e) {
      Replies.fail(observer, "gcStatus", e);
    }
  }

  /** Starts or stops rebalancing through the log, then answers its status. */
  @Override
  public void balancer(BalancerRequest request, StreamObserver<BalancerResponse> observer) {
    try {
      Switches.State[] state = new Switches.State[1];
      Error error = switch (request.getAction()) {
        case START -> onLeader("start the balancer", () -> {
          state[0] = switches.setBalancer(true);
          replication.rebalanceSoon();
        });
        case STOP -> onLeader("stop the balancer", () -> state[0] = switches.setBalancer(false));
        case STATUS -> onLeader("balancer status", () -> state[0] = switches.balancer());
        default -> Errors.of(ErrorCode.INVALID_ARGUMENT, "balancer: unknown action " + request.getActionValue());
      };
      Replies.send(observer, error != null ? BalancerResponse.newBuilder().setError(error).build()
          : reports.balancer(state[0], switches.safeMode().on()));
    } catch (RuntimeException e) {
      Replies.fail(observer, "balancer", e);
    }
  }

  /** The leader checkpoints its state in the background; the answer waits for it, bounded. */
  @Override
  public void takeCheckpoint(TakeCheckpointRequest request, StreamObserver<TakeCheckpointResponse> observer) {
    Error refused = leaderCheck.refuse(false);
    if (refused != null) {
      Replies.send(observer, TakeCheckpointResponse.newBuilder().setError(refused).build());
      return;
    }
    long startNanos = System.nanoTime();
    try {
      stateMachine.checkpointNow()
          .orTimeout(CHECKPOINT_WAIT_MS, TimeUnit.MILLISECONDS)
          .whenComplete((index, failure) -> {
            TakeCheckpointResponse.Builder response = TakeCheckpointResponse.newBuilder();
            if (failure == null) {
              LOG.info("checkpoint at log index {} taken on request in {} ms", index,
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
              response.setIndex(index);
            } else {
              response.setError(checkpointError(failure));
            }
            sendUnlessCancelled(observer, response.build());
          });
    } catch (RuntimeException e) {
      Replies.send(observer, TakeCheckpointResponse.newBuilder().setError(checkpointError(e)).build());
    }
  }

  private Error checkpointError(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return Errors.of(ErrorCode.UNAVAILABLE, "checkpoint on master " + config.id()
          + " did not finish within " + CHECKPOINT_WAIT_MS + " ms; it goes on in the background");
    }
    LOG.warn("checkpoint on request failed", cause);
    return Errors.of(ErrorCode.INTERNAL, "checkpoint on master " + config.id() + " failed: " + cause.getMessage());
  }

  /** The caller may have given up (deadline) while the checkpoint ran: nobody to answer then. */
  private static <T> void sendUnlessCancelled(StreamObserver<T> observer, T response) {
    try {
      Replies.send(observer, response);
    } catch (StatusRuntimeException | IllegalStateException e) {
      LOG.debug("checkpoint answer not delivered: {}", e.getMessage());
    }
  }
}
