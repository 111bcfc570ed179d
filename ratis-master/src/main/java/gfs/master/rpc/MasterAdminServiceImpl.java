package gfs.master.rpc;

import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.config.MasterConfig;
import gfs.master.namespace.Namespace;
import gfs.master.raft.RaftNode;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.ErrorCode;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.MasterStatus;
import gfs.proto.TransferLeaderRequest;
import gfs.proto.TransferLeaderResponse;
import gfs.rpc.Errors;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * Administration: every master answers ClusterStatus with its own Raft position, the leader
 * also with the chunkservers and counts. The other admin calls come with later issues and
 * are refused with a clear error until then.
 */
public final class MasterAdminServiceImpl extends MasterAdminServiceGrpc.MasterAdminServiceImplBase {
  private final MasterConfig config;
  private final RaftNode raft;
  private final ClusterState cluster;
  private final MasterStore store;
  private final Namespace namespace;

  public MasterAdminServiceImpl(MasterConfig config, RaftNode raft, ClusterState cluster,
      MasterStore store, Namespace namespace) {
    this.config = config;
    this.raft = raft;
    this.cluster = cluster;
    this.store = store;
    this.namespace = namespace;
  }

  @Override
  public void clusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusResponse> observer) {
    try {
      ClusterStatusResponse.Builder response = ClusterStatusResponse.newBuilder()
          .setLeaderId(raft.leaderId())
          .setAnsweredBy(config.id())
          .setChunkSize(config.chunkSizeBytes())
          .addMasters(MasterStatus.newBuilder().setId(config.id())
              .setAddress(config.self().serviceAddress()).setRole(raft.role()).setTerm(raft.term())
              .setCommitIndex(raft.commitIndex()).setAppliedIndex(raft.appliedIndex()).setReachable(true));
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        response.setFileCount(namespace.inodeCount(txn)).setChunkCount(namespace.chunkCount(txn));
      }
      if (raft.isLeader() || request.getRead().getAllowStale()) {
        cluster.registry().live();
        countReplication(response);
        for (ChunkserverRegistry.Entry entry : cluster.registry().all()) {
          String id = entry.info().getId();
          response.addChunkservers(ChunkserverStatus.newBuilder().setServer(entry.info())
              .setState(cluster.registry().isLive(id) ? ChunkserverState.LIVE : ChunkserverState.DEAD)
              .setDisk(entry.disk()).setChunkCount(cluster.locations().chunkCount(id))
              .setLastHeartbeatAgeMs(cluster.registry().ageMs(entry))
              .setMetricsAddress(entry.metricsAddress()));
        }
      }
      Replies.send(observer, response.build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "clusterStatus", e);
    }
  }

  /**
   * Under-replicated (fewer live up-to-date replicas than the file's goal) and missing (none)
   * chunks, by a scan of the namespace.
   */
  private void countReplication(ClusterStatusResponse.Builder response) {
    long[] counts = new long[2];
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      namespace.forEachFile(txn, file -> {
        for (long handle : file.getChunksList()) {
          ChunkRecord record = namespace.chunk(txn, handle);
          int live = record == null ? 0 : cluster.upToDateReplicas(handle, record.getVersion(), "").size();
          if (live == 0) {
            counts[1]++;
          } else if (live < file.getReplication()) {
            counts[0]++;
          }
        }
      });
    }
    response.setUnderReplicatedChunks(counts[0]).setMissingChunks(counts[1]);
  }

  @Override
  public void transferLeader(TransferLeaderRequest request, StreamObserver<TransferLeaderResponse> observer) {
    Replies.send(observer, TransferLeaderResponse.newBuilder().setError(Errors.of(ErrorCode.INVALID_ARGUMENT,
        "transfer-leader to " + request.getTargetId() + " is not supported by this master version")).build());
  }
}
