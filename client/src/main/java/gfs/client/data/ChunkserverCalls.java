package gfs.client.data;

import gfs.client.common.ChannelPool;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.ChunkserverServiceGrpc.ChunkserverServiceBlockingStub;
import gfs.proto.ChunkserverServiceGrpc.ChunkserverServiceStub;
import gfs.proto.Error;
import gfs.proto.GetChunkChecksumRequest;
import gfs.proto.GetChunkChecksumResponse;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import gfs.proto.RecordAppendRequest;
import gfs.proto.RecordAppendResponse;
import gfs.proto.WriteRequest;
import gfs.proto.WriteResponse;
import gfs.rpc.BulkMethods;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Unary calls to chunkservers over pooled channels, each with its deadline; a refusal or a
 * transport failure becomes a {@link ReplicaFailure} naming the server.
 */
public final class ChunkserverCalls {
  private final ChannelPool channels;
  private final long rpcTimeoutMs;

  public ChunkserverCalls(ChannelPool channels, long rpcTimeoutMs) {
    this.channels = channels;
    this.rpcTimeoutMs = rpcTimeoutMs;
  }

  public ReadResponse read(ChunkserverInfo server, ReadRequest request, Deadline deadline)
      throws ReplicaFailure {
    // Not the generated stub: its parser would copy the data twice (BulkMethods).
    return unary(server, deadline, stub -> ClientCalls.blockingUnaryCall(stub.getChannel(), BulkMethods.READ,
        stub.getCallOptions(), request), ReadResponse::getError);
  }

  public GetChunkInfoResponse chunkInfo(ChunkserverInfo server, long handle, Deadline deadline)
      throws ReplicaFailure {
    GetChunkInfoRequest request = GetChunkInfoRequest.newBuilder().setHandle(handle).build();
    return unary(server, deadline, stub -> stub.getChunkInfo(request),
        GetChunkInfoResponse::getError);
  }

  public GetChunkChecksumResponse checksum(ChunkserverInfo server, long handle, long version,
      Deadline deadline) throws ReplicaFailure {
    GetChunkChecksumRequest request = GetChunkChecksumRequest.newBuilder().setHandle(handle)
        .setVersion(version).build();
    return unary(server, deadline, stub -> stub.getChunkChecksum(request),
        GetChunkChecksumResponse::getError);
  }

  public WriteResponse write(ChunkserverInfo primary, WriteRequest request, Deadline deadline)
      throws ReplicaFailure {
    return unary(primary, deadline, stub -> stub.write(request), WriteResponse::getError);
  }

  public RecordAppendResponse append(ChunkserverInfo primary, RecordAppendRequest request,
      Deadline deadline) throws ReplicaFailure {
    return unary(primary, deadline, stub -> stub.recordAppend(request),
        RecordAppendResponse::getError);
  }

  /** An asynchronous stub (for streaming) whose calls end at this operation's RPC deadline. */
  public ChunkserverServiceStub asyncStub(ChunkserverInfo server, Deadline deadline) {
    return ChunkserverServiceGrpc.newStub(channels.get(Describe.address(server)))
        .withDeadlineAfter(deadline.rpcTimeoutMs(rpcTimeoutMs), TimeUnit.MILLISECONDS);
  }

  /** After a transport failure, lets the next call reconnect at once. */
  public void onTransportFailure(ChunkserverInfo server, StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      channels.resetBackoff(Describe.address(server));
    }
  }

  private <R> R unary(ChunkserverInfo server, Deadline deadline,
      Function<ChunkserverServiceBlockingStub, R> invoke, Function<R, Error> errorOf)
      throws ReplicaFailure {
    R response;
    try {
      ChunkserverServiceBlockingStub stub =
          ChunkserverServiceGrpc.newBlockingStub(channels.get(Describe.address(server)))
              .withDeadlineAfter(deadline.rpcTimeoutMs(rpcTimeoutMs), TimeUnit.MILLISECONDS);
      response = invoke.apply(stub);
    } catch (StatusRuntimeException e) {
      onTransportFailure(server, e);
      throw ReplicaFailure.unreachable(server, e);
    }
    Error error = errorOf.apply(response);
    if (!ErrorMapping.isOk(error)) {
      throw ReplicaFailure.refused(server, error);
    }
    return response;
  }
}
