package gfs.it;

import gfs.client.ClientConfig;
import gfs.client.common.Deadline;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.GetChunkLocationsRequest;
import gfs.proto.GetChunkLocationsResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bytes each replica of a chunk holds, read from that chunkserver alone (no failover, no
 * version check), so a test can compare replicas with each other as the consistency model
 * speaks of them: consistent = every replica holds the same bytes.
 */
final class ReplicaBytes implements AutoCloseable {
  static final long CALL_TIMEOUT_MS = 10_000;
  /** Below the chunkserver's per-call read limit. */
  static final int READ_PIECE_BYTES = 4 << 20;

  private final MasterClient master;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  ReplicaBytes(LocalCluster cluster) throws Exception {
    this.master = new MasterClient(ClientConfig.load(cluster.clientConf()));
  }

  /** Every chunk of path with the replicas the leader hands out, in its order. */
  List<ChunkLocation> chunks(String path) throws Exception {
    GetChunkLocationsResponse response = master.callChecked("locations of " + path,
        Deadline.afterMs(CALL_TIMEOUT_MS),
        stub -> stub.getChunkLocations(GetChunkLocationsRequest.newBuilder().setPath(path).build()),
        GetChunkLocationsResponse::getError);
    return response.getChunksList();
  }

  /** The whole chunk as replica holds it, up to its length there. */
  byte[] read(ChunkserverInfo replica, long handle) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long offset = 0;
    while (true) {
      ReadResponse response = stub(replica).read(ReadRequest.newBuilder().setHandle(handle)
          .setOffset(offset).setLength(READ_PIECE_BYTES).build());
      if (response.hasError() && response.getError().getCode() != gfs.proto.ErrorCode.OK) {
        if (response.getError().getCode() == gfs.proto.ErrorCode.OUT_OF_RANGE) {
          return out.toByteArray();
        }
        throw new AssertionError(replica.getId() + " could not read chunk " + handle + " at "
            + offset + ": " + response.getError().getMessage());
      }
      out.writeBytes(response.getData().toByteArray());
      offset += response.getData().size();
      if (response.getData().isEmpty() || offset >= response.getChunkLength()) {
        return out.toByteArray();
      }
    }
  }

  /** What replica says of its copy of handle: version, length, whether it is the primary. */
  GetChunkInfoResponse info(ChunkserverInfo replica, long handle) {
    return stub(replica).getChunkInfo(GetChunkInfoRequest.newBuilder().setHandle(handle).build());
  }

  private ChunkserverServiceGrpc.ChunkserverServiceBlockingStub stub(ChunkserverInfo replica) {
    ManagedChannel channel = channels.computeIfAbsent(replica.getHost() + ":" + replica.getPort(),
        address -> Rpc.channel(replica.getHost(), replica.getPort()));
    return ChunkserverServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    channels.values().forEach(Rpc::close);
    master.close();
  }
}
