package gfs.it;

import gfs.client.ClientConfig;
import gfs.client.common.Deadline;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.GetChunkLocationsRequest;
import gfs.proto.GetChunkLocationsResponse;
import gfs.proto.MasterAdminServiceGrpc;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the leader says about replicas, from the outside: the live up-to-date replicas of every
 * chunk of some files (GetChunkLocations, as a client reads them) and the raw cluster status
 * (drain and clone counts the public ClusterView does not carry).
 */
final class ReplicaProbe implements AutoCloseable {
  static final long CALL_TIMEOUT_MS = 10_000;

  private final MasterClient master;

  ReplicaProbe(LocalCluster cluster) throws Exception {
    this.master = new MasterClient(ClientConfig.load(cluster.clientConf()));
  }

  /** handle -> ids of the servers the leader hands out for it, for every chunk of paths. */
  Map<Long, List<String>> replicas(List<String> paths) throws Exception {
    Map<Long, List<String>> result = new LinkedHashMap<>();
    for (String path : paths) {
      GetChunkLocationsResponse response = master.callChecked("locations of " + path,
          Deadline.afterMs(CALL_TIMEOUT_MS),
          stub -> stub.getChunkLocations(GetChunkLocationsRequest.newBuilder().setPath(path).build()),
          GetChunkLocationsResponse::getError);
      for (ChunkLocation chunk : response.getChunksList()) {
        result.put(chunk.getHandle(), chunk.getReplicasList().stream().map(ChunkserverInfo::getId).toList());
      }
    }
    return result;
  }

  /**
   * The leader's own answer: every master answers ClusterStatus (followers without the
   * chunkservers and counts), so each is asked until the one that is the leader answers.
   */
  ClusterStatusResponse status() throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT_MS * 1_000_000L;
    while (true) {
      for (String address : master.addresses()) {
        try {
          ClusterStatusResponse response = MasterAdminServiceGrpc.newBlockingStub(master.channel(address))
              .withDeadlineAfter(2_000, TimeUnit.MILLISECONDS)
              .clusterStatus(ClusterStatusRequest.getDefaultInstance());
          if (!response.getLeaderId().isEmpty() && response.getLeaderId().equals(response.getAnsweredBy())) {
            return response;
          }
        } catch (StatusRuntimeException e) {
          // That master is down or busy: ask the next.
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no master answered cluster status as the leader within " + CALL_TIMEOUT_MS + " ms");
      }
      Thread.sleep(100);
    }
  }

  /** Chunkserver id -> its status as the leader reports it. */
  Map<String, ChunkserverStatus> chunkservers() throws Exception {
    Map<String, ChunkserverStatus> result = new HashMap<>();
    for (ChunkserverStatus server : status().getChunkserversList()) {
      result.put(server.getServer().getId(), server);
    }
    return result;
  }

  /** The replicas of handle not on any of the excluded servers. */
  static List<String> without(List<String> replicas, List<String> excluded) {
    List<String> kept = new ArrayList<>(replicas);
    kept.removeAll(excluded);
    return kept;
  }

  @Override
  public void close() {
    master.close();
  }
}
