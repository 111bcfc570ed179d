package gfs.chunkserver.rpc;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.mutation.LeaseGrants;
import gfs.chunkserver.mutation.PrimaryMutations;
import gfs.chunkserver.pipeline.PushDataHandler;
import gfs.chunkserver.storage.ChunkChecksum;
import gfs.chunkserver.storage.ChunkStore;
import gfs.chunkserver.storage.ReadResult;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkChecksumRequest;
import gfs.proto.GetChunkChecksumResponse;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import gfs.proto.RecordAppendRequest;
import gfs.proto.RecordAppendResponse;
import gfs.proto.WriteRequest;
import gfs.proto.WriteResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Clients' calls: data pushes, writes and appends (as primary), reads, chunk info. */
public final class ChunkserverGrpcService extends ChunkserverServiceGrpc.ChunkserverServiceImplBase {
  /** Largest read answered in one call. */
  public static final int MAX_READ_BYTES = 8 << 20;

  private final String serverId;
  private final ChunkStore store;
  private final PushDataHandler pushes;
  private final PrimaryMutations primary;
  private final LeaseGrants grants;
  private final AtomicInteger activeRequests = new AtomicInteger();
  private final LongAdder readBytes = new LongAdder();

  public ChunkserverGrpcService(String serverId, ChunkStore store, PushDataHandler pushes, PrimaryMutations primary,
      LeaseGrants grants) {
    this.serverId = serverId;
    this.store = store;
    this.pushes = pushes;
    this.primary = primary;
    this.grants = grants;
  }

  /** Bytes answered to clients' reads since start (for metrics). */
  public long readBytes() {
    return readBytes.sum();
  }

  /** Reads, writes and appends being served now (load, for heartbeats). */
  public int activeRequests() {
    return activeRequests.get();
  }

  @Override
  public StreamObserver<PushDataRequest> pushData(StreamObserver<PushDataResponse> responseObserver) {
    return pushes.open(responseObserver);
  }

  @Override
  public void write(WriteRequest request, StreamObserver<WriteResponse> observer) {
    counted(() -> Unary.answer(observer, serverId, "write to " + chunk(request.getHandle()),
        () -> primary.write(request), error -> WriteResponse.newBuilder().setError(error).build()));
  }

  @Override
  public void recordAppend(RecordAppendRequest request, StreamObserver<RecordAppendResponse> observer) {
    counted(() -> Unary.answer(observer, serverId, "record append to " + chunk(request.getHandle()),
        () -> primary.recordAppend(request), error -> RecordAppendResponse.newBuilder().setError(error).build()));
  }

  @Override
  public void read(ReadRequest request, StreamObserver<ReadResponse> observer) {
    counted(() -> Unary.answer(observer, serverId, "read of " + chunk(request.getHandle()), () -> {
      if (request.getLength() > MAX_READ_BYTES) {
        throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "read of " + request.getLength() + " bytes of "
            + chunk(request.getHandle()) + " exceeds the limit of " + MAX_READ_BYTES + " bytes per call");
      }
      ReadResult result = store.read(request.getHandle(), request.getVersion(), request.getOffset(), request.getLength());
      readBytes.add(result.data().size());
      return ReadResponse.newBuilder().setData(result.data()).setChunkLength(result.chunkLength()).build();
    }, error -> ReadResponse.newBuilder().setError(error).build()));
  }

  @Override
  public void getChunkInfo(GetChunkInfoRequest request, StreamObserver<GetChunkInfoResponse> observer) {
    Unary.answer(observer, serverId, "chunk info of " + chunk(request.getHandle()),
        () -> grants.info(request.getHandle()), error -> GetChunkInfoResponse.newBuilder().setError(error).build());
  }

  @Override
  public void getChunkChecksum(GetChunkChecksumRequest request,
      StreamObserver<GetChunkChecksumResponse> observer) {
    Unary.answer(observer, serverId, "checksum of " + chunk(request.getHandle()), () -> {
      ChunkChecksum checksum = store.checksum(request.getHandle(), request.getVersion());
      return GetChunkChecksumResponse.newBuilder().setLength(checksum.length())
          .setCrc32C(checksum.crc32c()).build();
    }, error -> GetChunkChecksumResponse.newBuilder().setError(error).build());
  }

  private void counted(Runnable call) {
    activeRequests.incrementAndGet();
    try {
      call.run();
    } finally {
      activeRequests.decrementAndGet();
    }
  }
}
