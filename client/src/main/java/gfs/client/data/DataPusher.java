package gfs.client.data;

import com.google.protobuf.UnsafeByteOperations;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.ErrorMapping;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ErrorCode;
import gfs.proto.PushDataHeader;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.rpc.Rpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushes data to the replicas of a chunk as one chain: the client streams it to the first
 * replica, which forwards it along the chain while still receiving. Sends in pieces and
 * honours gRPC flow control, so at most about one piece is buffered however large the data.
 */
public final class DataPusher {
  /** Bytes per PushData message. */
  public static final int PIECE_BYTES = 64 << 10;

  private final ChunkserverCalls calls;

  public DataPusher(ChunkserverCalls calls) {
    this.calls = calls;
  }

  /**
   * Pushes data[offset, offset+length) under dataId to chain[0], which forwards to the rest.
   * Returns once every replica of the chain holds it. The caller must not change the bytes
   * until this returns (they are sent without a copy).
   */
  public void push(List<ChunkserverInfo> chain, String dataId, byte[] data, int offset,
      int length, Deadline deadline) throws ReplicaFailure {
    if (chain.isEmpty()) {
      throw ReplicaFailure.of(ErrorCode.NO_CHUNKSERVERS, false,
          "no replica to push data " + dataId + " to");
    }
    ChunkserverInfo first = chain.get(0);
    String what = "push of " + length + " bytes (data " + dataId + ") to chain "
        + Describe.servers(chain);
    PushCall call = new PushCall();
    try {
      calls.asyncStub(first, deadline).withOnReadyThreshold(Rpc.STREAM_BUFFER_BYTES).pushData(call);
      PushDataHeader header = PushDataHeader.newBuilder().setDataId(dataId).setLength(length)
          .addAllChain(chain.subList(1, chain.size())).build();
      call.send(PushDataRequest.newBuilder().setHeader(header).build(), deadline);
      for (int sent = 0; sent < length && !call.answered(); sent += PIECE_BYTES) {
        int piece = Math.min(PIECE_BYTES, length - sent);
        call.send(PushDataRequest.newBuilder()
            .setData(UnsafeByteOperations.unsafeWrap(data, offset + sent, piece)).build(), deadline);
      }
      call.finish();
      PushDataResponse response = call.await(deadline);
      if (!ErrorMapping.isOk(response.getError())) {
        throw ReplicaFailure.of(response.getError().getCode(), false,
            what + " failed: " + ErrorMapping.describe(response.getError()));
      }
    } catch (StatusRuntimeException e) {
      calls.onTransportFailure(first, e);
      throw ReplicaFailure.of(ErrorCode.UNAVAILABLE, true,
          what + " failed at " + Describe.server(first) + ": " + ErrorMapping.describe(e));
    }
  }

  /** One PushData call: sends when the transport is ready, waits for the single answer. */
  private static final class PushCall
      implements ClientResponseObserver<PushDataRequest, PushDataResponse> {
    private final Object readyLock = new Object();
    private final CompletableFuture<PushDataResponse> answer = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<PushDataRequest> requests;
    private PushDataResponse response;

    @Override
    public void beforeStart(ClientCallStreamObserver<PushDataRequest> requestStream) {
      this.requests = requestStream;
      requestStream.setOnReadyHandler(this::wakeSender);
    }

    @Override
    public void onNext(PushDataResponse value) {
      response = value;
    }

    @Override
    public void onError(Throwable t) {
      answer.completeExceptionally(t);
      wakeSender();
    }

    @Override
    public void onCompleted() {
      answer.complete(response != null ? response : PushDataResponse.getDefaultInstance());
      wakeSender();
    }

    boolean answered() {
      return answer.isDone();
    }

    /** Sends one message once the transport can take it, never waiting past the deadline. */
    void send(PushDataRequest message, Deadline deadline) {
      synchronized (readyLock) {
        while (!requests.isReady() && !answer.isDone()) {
          long waitMs = deadline.remainingMs();
          if (waitMs <= 0) {
            requests.cancel("push deadline passed", null);
            throw Status.DEADLINE_EXCEEDED.withDescription("push stalled: receiver not ready")
                .asRuntimeException();
          }
          try {
            readyLock.wait(Math.min(waitMs, 100));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.cancel("interrupted", e);
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
          }
        }
      }
      if (!answer.isDone()) {
        requests.onNext(message);
      }
    }

    void finish() {
      if (!answer.isDone()) {
        requests.onCompleted();
      }
    }

    PushDataResponse await(Deadline deadline) {
      try {
        // The call's own gRPC deadline ends it; the extra moment only covers delivery.
        return answer.get(deadline.remainingMs() + 1_000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw Status.fromThrowable(e.getCause()).asRuntimeException();
      } catch (TimeoutException e) {
        requests.cancel("no answer to push", null);
        throw Status.DEADLINE_EXCEEDED.withDescription("no answer to push").asRuntimeException();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        requests.cancel("interrupted", e);
        throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
      }
    }

    private void wakeSender() {
      synchronized (readyLock) {
        readyLock.notifyAll();
      }
    }
  }
}
