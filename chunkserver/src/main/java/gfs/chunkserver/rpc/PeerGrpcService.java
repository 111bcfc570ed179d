package gfs.chunkserver.rpc;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.mutation.SecondaryMutations;
import gfs.chunkserver.replication.ChunkCopySource;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ChunkserverPeerServiceGrpc;
import gfs.proto.CopyChunkRequest;
import gfs.proto.CopyChunkResponse;
import gfs.proto.MutationRequest;
import gfs.proto.MutationResponse;
import io.grpc.stub.StreamObserver;

/** Other chunkservers' calls: mutations in the primary's order, whole-chunk copies. */
public final class PeerGrpcService extends ChunkserverPeerServiceGrpc.ChunkserverPeerServiceImplBase {
  private final String serverId;
  private final ChunkStore store;
  private final SecondaryMutations secondary;

  public PeerGrpcService(String serverId, ChunkStore store, SecondaryMutations secondary) {
    this.serverId = serverId;
    this.store = store;
    this.secondary = secondary;
  }

  @Override
  public void applyMutation(MutationRequest request, StreamObserver<MutationResponse> observer) {
    Unary.answer(observer, serverId, "mutation " + request.getSerial() + " of " + chunk(request.getHandle()),
        () -> secondary.apply(request), error -> MutationResponse.newBuilder().setError(error).build());
  }

  @Override
  public void copyChunk(CopyChunkRequest request, StreamObserver<CopyChunkResponse> observer) {
    ChunkCopySource.serve(store, request, observer);
  }
}
