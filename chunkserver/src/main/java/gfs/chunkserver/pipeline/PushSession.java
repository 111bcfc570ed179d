package gfs.chunkserver.pipeline;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.PeerChannels;
import gfs.chunkserver.Text;
import gfs.chunkserver.buffer.PushBuffer;
import gfs.chunkserver.buffer.PushEntry;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.PushDataHeader;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.rpc.Errors;
import gfs.rpc.Rpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incoming PushData stream. Each piece is kept in the push buffer and forwarded at
 * once to the next replica of the chain (header.chain[0], told the rest of the chain), so
 * the data flows down the whole chain while still arriving. The next piece is requested
 * from upstream only when the downstream call can take more, so memory stays bounded by
 * the buffer's reservation. The answer goes back after this copy is complete and the
 * downstream answered; an error names the replica that failed.
 */
final class PushSession implements StreamObserver<PushDataRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(PushSession.class);
  /** Slowest transfer rate a forwarded push is given time for, beyond the RPC timeout. */
  private static final long MIN_FORWARD_BYTES_PER_MS = 10_000;

  private final ServerCallStreamObserver<PushDataResponse> upstream;
  private final PushBuffer buffer;
  private final PeerChannels peers;
  private final String serverId;
  private final long rpcTimeoutMs;

  // All below guarded by this.
  private PushEntry entry;
  private String dataId = "?";
  private ChunkserverInfo next;
  private ClientCallStreamObserver<PushDataRequest> downstream;
  private boolean downstreamAnswered;
  private boolean ownCopyComplete;
  private boolean awaitingDownstreamReady;
  private boolean answered;

  PushSession(ServerCallStreamObserver<PushDataResponse> upstream, PushBuffer buffer, PeerChannels peers,
      String serverId, long rpcTimeoutMs) {
    this.upstream = upstream;
    this.buffer = buffer;
    this.peers = peers;
    this.serverId = serverId;
    this.rpcTimeoutMs = rpcTimeoutMs;
  }

  /** Call from the service method, before it returns. */
  void start() {
    upstream.disableAutoRequest();
    upstream.setOnCancelHandler(() -> LOG.debug("{}: push {} cancelled by its sender", serverId, dataIdNow()));
    upstream.request(1);
  }

  @Override
  public synchronized void onNext(PushDataRequest request) {
    if (answered) {
      return;
    }
    try {
      if (entry == null) {
        begin(request);
      }
      if (!request.getData().isEmpty()) {
        buffer.append(entry, request.getData());
        if (downstream != null) {
          downstream.onNext(PushDataRequest.newBuilder().setData(request.getData()).build());
        }
      }
      requestMoreWhenDownstreamReady();
    } catch (ChunkserverException e) {
      fail(e.toError());
    }
  }

  private void begin(PushDataRequest request) throws ChunkserverException {
    if (!request.hasHeader()) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "push to " + serverId + " must start with a header");
    }
    PushDataHeader header = request.getHeader();
    dataId = header.getDataId();
    entry = buffer.begin(header.getDataId(), header.getLength());
    LOG.debug("{}: receiving push {} ({} bytes), {} replicas after this one", serverId, dataId,
        header.getLength(), header.getChainCount());
    if (header.getChainCount() > 0) {
      startDownstream(header);
    }
  }

  private void startDownstream(PushDataHeader header) throws ChunkserverException {
    next = header.getChain(0);
    PushDataHeader rest = header.toBuilder().clearChain().addAllChain(header.getChainList().subList(1, header.getChainCount())).build();
    long deadlineMs = rpcTimeoutMs + header.getLength() / MIN_FORWARD_BYTES_PER_MS;
    ChunkserverServiceGrpc.ChunkserverServiceStub stub = ChunkserverServiceGrpc.newStub(peers.channel(next))
        .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
        .withOnReadyThreshold(Rpc.STREAM_BUFFER_BYTES);
    StreamObserver<PushDataRequest> call = stub.pushData(new DownstreamObserver());
    call.onNext(PushDataRequest.newBuilder().setHeader(rest).build());
  }

  private void requestMoreWhenDownstreamReady() {
    if (downstream == null || downstream.isReady()) {
      upstream.request(1);
    } else {
      awaitingDownstreamReady = true;
    }
  }

  @Override
  public synchronized void onCompleted() {
    if (answered) {
      return;
    }
    try {
      if (entry == null) {
        throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, "push to " + serverId + " ended without a header");
      }
      buffer.complete(entry);
      ownCopyComplete = true;
      if (downstream != null) {
        downstream.onCompleted();
      }
      answerIfDone();
    } catch (ChunkserverException e) {
      fail(e.toError());
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    // The sender went away (cancelled, deadline, broken connection): nothing to answer.
    LOG.debug("{}: push {} from upstream failed: {}", serverId, dataId, Status.fromThrowable(t));
    answered = true;
    cancelDownstream("upstream failed");
    if (entry != null && !ownCopyComplete) {
      buffer.abort(entry);
    }
  }

  private void answerIfDone() {
    if (ownCopyComplete && (downstream == null || downstreamAnswered) && !answered) {
      answered = true;
      LOG.debug("{}: push {} complete", serverId, dataId);
      respond(PushDataResponse.getDefaultInstance());
    }
  }

  private void fail(Error error) {
    if (answered) {
      return;
    }
    answered = true;
    LOG.debug("{}: push {} failed: {}", serverId, dataId, error.getMessage());
    cancelDownstream("push failed upstream of it");
    if (entry != null && !ownCopyComplete) {
      buffer.abort(entry);
    }
    respond(PushDataResponse.newBuilder().setError(error).build());
  }

  private void respond(PushDataResponse response) {
    if (upstream.isCancelled()) {
      return;
    }
    try {
      upstream.onNext(response);
      upstream.onCompleted();
    } catch (RuntimeException e) {
      LOG.debug("{}: could not answer push {}: {}", serverId, dataId, e.toString());
    }
  }

  private void cancelDownstream(String why) {
    if (downstream != null && !downstreamAnswered) {
      downstreamAnswered = true;
      downstream.cancel(why, null);
    }
  }

  private synchronized String dataIdNow() {
    return dataId;
  }

  /** Callbacks of the downstream call, on gRPC's threads. */
  private final class DownstreamObserver implements ClientResponseObserver<PushDataRequest, PushDataResponse> {
    @Override
    public void beforeStart(ClientCallStreamObserver<PushDataRequest> call) {
      synchronized (PushSession.this) {
        downstream = call;
      }
      call.setOnReadyHandler(this::onReady);
    }

    private void onReady() {
      synchronized (PushSession.this) {
        if (awaitingDownstreamReady && !answered && downstream.isReady()) {
          awaitingDownstreamReady = false;
          upstream.request(1);
        }
      }
    }

    @Override
    public void onNext(PushDataResponse response) {
      synchronized (PushSession.this) {
        downstreamAnswered = true;
        if (!Errors.ok(response.getError())) {
          fail(response.getError());  // already names the replica that failed
        } else {
          answerIfDone();
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      synchronized (PushSession.this) {
        if (answered || downstreamAnswered) {
          return;
        }
        downstreamAnswered = true;
        Status status = Status.fromThrowable(t);
        fail(Errors.of(ErrorCode.UNAVAILABLE, Text.oneLine("push " + dataId + ": replica " + Text.peer(next)
            + " failed: " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()))));
      }
    }

    @Override
    public void onCompleted() {
      synchronized (PushSession.this) {
        if (!downstreamAnswered) {
          downstreamAnswered = true;
          fail(Errors.of(ErrorCode.INTERNAL, "push " + dataId + ": replica " + Text.peer(next) + " closed without answering"));
        }
      }
    }
  }
}
