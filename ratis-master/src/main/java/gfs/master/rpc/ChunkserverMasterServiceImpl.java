package gfs.master.rpc;

import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.cluster.CommandQueue;
import gfs.master.config.MasterConfig;
import gfs.master.lease.LeaseManager;
import gfs.master.namespace.Namespace;
import gfs.master.raft.RaftNode;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverMasterServiceGrpc;
import gfs.proto.HeartbeatRequest;
import gfs.proto.HeartbeatResponse;
import gfs.proto.LeaseExtension;
import gfs.proto.LeaseGrant;
import gfs.proto.RegisterRequest;
import gfs.proto.RegisterResponse;
import gfs.rpc.Errors;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * Chunkserver -> master: registration and heartbeats. Every master, leader or not, learns
 * chunk locations from them, so a new leader knows where every chunk is at once; only the
 * leader extends leases (not in safe mode) and sends commands back.
 */
public final class ChunkserverMasterServiceImpl extends ChunkserverMasterServiceGrpc.ChunkserverMasterServiceImplBase {
  /** Bound on commands handed out in one heartbeat reply; the rest wait for the next one. */
  static final int MAX_COMMANDS_PER_HEARTBEAT = 64;

  private final MasterConfig config;
  private final CommandQueue commands;
  private final RaftNode raft;
  private final ClusterState cluster;
  private final LeaseManager leases;
  private final MasterStore store;
  private final Namespace namespace;
  private final ReplicationMonitor replication;

  public ChunkserverMasterServiceImpl(MasterConfig config, RaftNode raft, ClusterState cluster,
      LeaseManager leases, MasterStore store, Namespace namespace, CommandQueue commands,
      ReplicationMonitor replication) {
    this.config = config;
    this.commands = commands;
    this.raft = raft;
    this.cluster = cluster;
    this.leases = leases;
    this.store = store;
    this.namespace = namespace;
    this.replication = replication;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> observer) {
    try {
      String id = request.getServer().getId();
      cluster.locations().replaceAll(id, request.getChunksList());
      cluster.registry().heartbeat(request.getServer(), request.getDisk(), 0,
          request.getMetricsAddress(), request.getChunksCount());
      RegisterResponse.Builder response = RegisterResponse.newBuilder()
          .setHeartbeatIntervalMs(config.heartbeatIntervalMs());
      if (!raft.isLeader()) {
        response.setError(Errors.notLeader(config.serviceAddressOf(raft.leaderId())));
      }
      Replies.send(observer, response.build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "register", e);
    }
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
    try {
      long receivedNanos = System.nanoTime();
      String id = request.getServer().getId();
      ChunkserverRegistry.Entry previous = cluster.registry().get(id);
      if (request.getFullReport()) {
        cluster.locations().replaceAll(id, request.getChunksList());
      } else {
        cluster.locations().update(id, request.getChunksList(), request.getRemovedChunksList());
      }
      cluster.registry().heartbeat(request.getServer(), request.getDisk(), request.getActiveRequests(),
          previous == null ? "" : previous.metricsAddress(),
          cluster.locations().chunkCount(id));
      HeartbeatResponse.Builder response = HeartbeatResponse.newBuilder()
          .setRequestFullReport(previous == null && !request.getFullReport());
      if (!raft.isReadyLeader()) {
        response.setError(Errors.notLeader(config.serviceAddressOf(raft.leaderId())));
      } else {
        extendLeases(request, receivedNanos, response);
        replication.clonesFailed(id, request.getFailedClonesList(), receivedNanos);
        response.addAllCommands(commands.drain(id, MAX_COMMANDS_PER_HEARTBEAT));
      }
      Replies.send(observer, response.build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "heartbeat", e);
    }
  }

  private void extendLeases(HeartbeatRequest request, long receivedNanos, HeartbeatResponse.Builder response) {
    if (request.getLeaseExtensionsCount() == 0) {
      return;
    }
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      if (namespace.safeMode(txn).on()) {
        return;  // safe mode: leases run out, so writes stop within a lease duration
      }
      for (LeaseExtension extension : request.getLeaseExtensionsList()) {
        ChunkRecord record = namespace.chunk(txn, extension.getHandle());
        if (record == null) {
          continue;
        }
        LeaseGrant grant = leases.extend(request.getServer().getId(), extension.getHandle(),
            extension.getVersion(), record.getVersion(), receivedNanos);
        if (grant != null) {
          response.addExtendedLeases(grant);
        }
      }
    }
  }
}
