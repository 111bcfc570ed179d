package gfs.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.PushDataHeader;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulk methods over a real loopback gRPC server, mixed with the generated stubs. */
class AliasingMarshallerTest {
  private static final int PIECE = 64 * 1024 + 17;

  private final List<ByteString> pushed = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> pushEnded = new CompletableFuture<>();
  private byte[] stored;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    stored = new byte[3 * PIECE];
    new Random(3).nextBytes(stored);
    server = Rpc.startServer("test", "127.0.0.1", 0, 4, List.of(BulkMethods.served(new Service())));
    channel = Rpc.channel("127.0.0.1", server.getPort());
  }

  @AfterEach
  void stop() throws Exception {
    Rpc.close(channel);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void readAnswersParsedByTheBulkMethodCarryTheBytesTheServerSent() {
    for (int offset : new int[] {0, 1, PIECE - 1, 2 * PIECE}) {
      ReadRequest request = ReadRequest.newBuilder().setOffset(offset).setLength(PIECE).build();
      ReadResponse bulk = ClientCalls.blockingUnaryCall(channel, BulkMethods.READ,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
      ReadResponse generated = ChunkserverServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).read(request);
      byte[] expected = java.util.Arrays.copyOfRange(stored, offset, Math.min(stored.length, offset + PIECE));
      assertArrayEquals(expected, bulk.getData().toByteArray(), "read at " + offset);
      assertEquals(generated, bulk);
      assertEquals(stored.length, bulk.getChunkLength());
    }
  }

  @Test
  void piecesPushedWithTheGeneratedStubArriveWholeAtAServiceParsingThemByAliasing() throws Exception {
    CompletableFuture<PushDataResponse> answer = new CompletableFuture<>();
    StreamObserver<PushDataRequest> call = ChunkserverServiceGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).pushData(new StreamObserver<>() {
          @Override
          public void onNext(PushDataResponse value) {
            answer.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    call.onNext(PushDataRequest.newBuilder()
        .setHeader(PushDataHeader.newBuilder().setDataId("d").setLength(stored.length)).build());
    for (int at = 0; at < stored.length; at += PIECE) {
      call.onNext(PushDataRequest.newBuilder().setData(ByteString.copyFrom(stored, at, PIECE)).build());
    }
    call.onCompleted();
    answer.get(10, TimeUnit.SECONDS);
    pushEnded.get(10, TimeUnit.SECONDS);
    assertEquals(4, pushed.size(), "header and three pieces");
    assertEquals("d", PushDataRequest.parseFrom(pushed.get(0)).getHeader().getDataId());
    ByteString data = ByteString.EMPTY;
    for (ByteString message : pushed.subList(1, pushed.size())) {
      data = data.concat(PushDataRequest.parseFrom(message).getData());
    }
    assertArrayEquals(stored, data.toByteArray());
  }

  @Test
  void theChunkserverParsesPushesAndClientsParseReadsWithTheAliasingMarshaller() {
    String push = ChunkserverServiceGrpc.getPushDataMethod().getFullMethodName();
    String write = ChunkserverServiceGrpc.getWriteMethod().getFullMethodName();
    io.grpc.ServerServiceDefinition served = BulkMethods.served(new Service()).bindService();
    assertTrue(served.getMethod(push).getMethodDescriptor().getRequestMarshaller() instanceof AliasingMarshaller);
    assertTrue(!(served.getMethod(write).getMethodDescriptor().getRequestMarshaller() instanceof AliasingMarshaller));
    assertEquals(new Service().bindService().getMethods().size(), served.getMethods().size());
    assertTrue(BulkMethods.READ.getResponseMarshaller() instanceof AliasingMarshaller);
    assertTrue(BulkMethods.COPY_CHUNK.getResponseMarshaller() instanceof AliasingMarshaller);
  }

  @Test
  void aTruncatedMessageIsAnInternalErrorNotAShortMessage() {
    AliasingMarshaller<ReadResponse> marshaller = AliasingMarshaller.of(ReadResponse.getDefaultInstance());
    ReadResponse message = ReadResponse.newBuilder().setData(ByteString.copyFrom(stored)).build();
    byte[] wire = message.toByteArray();
    InputStream truncated = new KnownLengthStream(java.util.Arrays.copyOf(wire, wire.length - 10), wire.length);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> marshaller.parse(truncated));
    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("message"), e.getStatus().getDescription());
    assertEquals(message, marshaller.parse(marshaller.stream(message)));
  }

  /** A stream that claims more bytes than it has, as a cut-off message would. */
  private static final class KnownLengthStream extends ByteArrayInputStream implements io.grpc.KnownLength {
    private final int claimed;

    KnownLengthStream(byte[] bytes, int claimed) {
      super(bytes);
      this.claimed = claimed;
    }

    @Override
    public synchronized int available() {
      return claimed;
    }
  }

  private final class Service extends ChunkserverServiceGrpc.ChunkserverServiceImplBase {
    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> observer) {
      int from = (int) request.getOffset();
      int to = Math.min(stored.length, from + request.getLength());
      observer.onNext(ReadResponse.newBuilder().setData(ByteString.copyFrom(stored, from, to - from))
          .setChunkLength(stored.length).build());
      observer.onCompleted();
    }

    @Override
    public StreamObserver<PushDataRequest> pushData(StreamObserver<PushDataResponse> observer) {
      return new StreamObserver<>() {
        @Override
        public void onNext(PushDataRequest value) {
          pushed.add(value.toByteString());
        }

        @Override
        public void onError(Throwable t) {
          pushEnded.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
          observer.onNext(PushDataResponse.getDefaultInstance());
          observer.onCompleted();
          pushEnded.complete(null);
        }
      };
    }
  }
}
