package gfs.chunkserver.heartbeat;

import gfs.proto.ChunkserverCommand;
import gfs.proto.ChunkserverMasterServiceGrpc;
import gfs.proto.HeartbeatRequest;
import gfs.proto.HeartbeatResponse;
import gfs.proto.LeaseExtension;
import gfs.proto.LeaseGrant;
import gfs.proto.RegisterRequest;
import gfs.proto.RegisterResponse;
import gfs.rpc.Errors;
import gfs.rpc.Rpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The chunkserver-facing side of a master, served over real gRPC, that records what it is
 * told and answers as a leader or a follower would (the real master lives in another
 * module; this peer lets the heartbeat protocol be checked from the wire).
 */
final class RecordingMaster implements AutoCloseable {
  final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
  final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<ChunkserverCommand> pendingCommands = new ConcurrentLinkedQueue<>();
  volatile boolean leader;
  volatile long extensionMs;
  private final Server server;

  RecordingMaster(int port, boolean leader) throws IOException {
    this.leader = leader;
    this.server = Rpc.startServer("test-master", "127.0.0.1", port, 4, List.<BindableService>of(new Service()));
  }

  int port() {
    return server.getPort();
  }

  /** Number of heartbeats received so far: await heartbeats after this mark. */
  int mark() {
    return heartbeats.size();
  }

  /** A heartbeat received after the current mark. */
  HeartbeatRequest awaitHeartbeat(Predicate<HeartbeatRequest> matching) throws InterruptedException {
    return awaitHeartbeat(mark(), matching);
  }

  HeartbeatRequest awaitHeartbeat(int fromMark, Predicate<HeartbeatRequest> matching) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int seen = fromMark;
    while (System.nanoTime() < deadline) {
      List<HeartbeatRequest> all = new ArrayList<>(heartbeats);
      for (int i = seen; i < all.size(); i++) {
        if (matching.test(all.get(i))) {
          return all.get(i);
        }
      }
      seen = all.size();
      Thread.sleep(20);
    }
    throw new AssertionError("no matching heartbeat within 10 s (" + heartbeats.size() + " received)");
  }

  private List<ChunkserverCommand> takeCommands() {
    List<ChunkserverCommand> commands = new ArrayList<>();
    for (ChunkserverCommand command; (command = pendingCommands.poll()) != null; ) {
      commands.add(command);
    }
    return commands;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends ChunkserverMasterServiceGrpc.ChunkserverMasterServiceImplBase {
    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> observer) {
      registrations.add(request);
      RegisterResponse.Builder response = RegisterResponse.newBuilder().setHeartbeatIntervalMs(100);
      if (leader) {
        response.addAllCommands(takeCommands());
      } else {
        response.setError(Errors.notLeader(""));
      }
      observer.onNext(response.build());
      observer.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
      heartbeats.add(request);
      HeartbeatResponse.Builder response = HeartbeatResponse.newBuilder();
      if (!leader) {
        // Followers must not be obeyed: hand out commands anyway to prove they are ignored.
        response.setError(Errors.notLeader("")).addAllCommands(takeCommands());
      } else {
        response.addAllCommands(takeCommands());
        if (extensionMs > 0) {
          for (LeaseExtension extension : request.getLeaseExtensionsList()) {
            response.addExtendedLeases(LeaseGrant.newBuilder().setHandle(extension.getHandle())
                .setVersion(extension.getVersion()).setPrimary(true).setLeaseDurationMs(extensionMs));
          }
        }
      }
      observer.onNext(response.build());
      observer.onCompleted();
    }
  }
}
