package gfs.chunkserver.pipeline;

import gfs.chunkserver.PeerChannels;
import gfs.chunkserver.buffer.PushBuffer;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** Starts a {@link PushSession} for every incoming PushData stream. */
public final class PushDataHandler {
  private final PushBuffer buffer;
  private final PeerChannels peers;
  private final String serverId;
  private final long rpcTimeoutMs;

  public PushDataHandler(PushBuffer buffer, PeerChannels peers, String serverId, long rpcTimeoutMs) {
    this.buffer = buffer;
    this.peers = peers;
    this.serverId = serverId;
    this.rpcTimeoutMs = rpcTimeoutMs;
  }

  public StreamObserver<PushDataRequest> open(StreamObserver<PushDataResponse> responseObserver) {
    PushSession session = new PushSession((ServerCallStreamObserver<PushDataResponse>) responseObserver,
        buffer, peers, serverId, rpcTimeoutMs);
    session.start();
    return session;
  }
}
