package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.proto.CreateRequest;
import gfs.proto.ListRequest;
import gfs.proto.ListResponse;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.ReadOptions;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints with real Ratis peers: purge behind them, install on a wiped follower, restart. */
class CheckpointTest {
  @TempDir Path dir;
  final List<MasterConfig> configs = new ArrayList<>();
  final MasterServer[] masters = new MasterServer[3];
  final List<ManagedChannel> channels = new ArrayList<>();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void configure() throws Exception {
    List<MasterConfig.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      peers.add(new MasterConfig.Peer("master-" + i, "127.0.0.1", freePort(), freePort()));
    }
    for (MasterConfig.Peer peer : peers) {
      configs.add(new MasterConfig(peer.id(), "127.0.0.1", peer.servicePort(), peer.raftPort(), peers, List.of(),
          dir.resolve(peer.id()), 64L << 20, 1L << 20, 3, 60_000, 10_000, 1_000, 3_000, 300, 600, 1_000_000, 64 * 1024));
    }
  }

  private void start(int i) throws Exception {
    masters[i] = MasterServer.start(configs.get(i), e -> { throw new AssertionError("fatal apply", e); });
  }

  private void stop(int i) throws Exception {
    masters[i].close();
    masters[i] = null;
  }

  @AfterEach
  void stopAll() throws Exception {
    channels.forEach(Rpc::close);
    for (int i = 0; i < 3; i++) {
      if (masters[i] != null) {
        stop(i);
      }
    }
  }

  private int leader() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (masters[i] != null && masters[i].raft().isReadyLeader()) {
          return i;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no leader within 20 s");
  }

  private MasterServiceGrpc.MasterServiceBlockingStub stub(int i) {
    ManagedChannel channel = Rpc.channel("127.0.0.1", configs.get(i).servicePort());
    channels.add(channel);
    return MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private void createFiles(String prefix, int count) throws Exception {
    for (int n = 0; n < count; n++) {
      var response = stub(leader()).create(CreateRequest.newBuilder().setPath("/d/" + prefix + "-a-rather-long-file-name-so-that-log-segments-fill-up-" + n)
          .setCreateParents(true).build());
      assertFalse(response.hasError(), response.getError().toString());
    }
  }

  /** The listing of /d as peer i's own store has it (a stale read answered locally). */
  private int localCount(int i) {
    ListResponse response = stub(i).list(ListRequest.newBuilder().setPath("/d").setLimit(10_000)
        .setRead(ReadOptions.newBuilder().setAllowStale(true)).build());
    return response.hasError() ? -1 : response.getEntriesCount();
  }

  private static void deleteTree(Path path) throws Exception {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aWipedFollowerInstallsTheLeadersCheckpointAndCatchesUp() throws Exception {
    configure();
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    createFiles("a", 600);
    int leader = leader();
    int follower = (leader + 1) % 3;
    stop(follower);
    deleteTree(configs.get(follower).dataDir());

    long index = masters[leader].stateMachine().checkpointNow().get(30, TimeUnit.SECONDS);
    assertTrue(index > 0);
    long logStart = masters[leader].raft().server().getDivision(gfs.master.raft.RaftNode.GROUP_ID)
        .getRaftLog().getStartIndex();
    String segments;
    try (Stream<Path> files = Files.walk(configs.get(leader).dataDir().resolve("raft"))) {
      segments = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("log_")).sorted().toList().toString();
    }
    assertTrue(logStart > 0, "the log behind the checkpoint was purged (start " + logStart + ", segments " + segments + ")");
    createFiles("b", 30);

    start(follower);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (localCount(follower) != 630 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(630, localCount(follower), "the wiped follower has every file again");
    assertTrue(Files.list(configs.get(follower).dataDir().resolve("raft")).findAny().isPresent());
  }

  @Test
  void aRestartAfterACheckpointReplaysOnlyTheTailAndLosesNothing() throws Exception {
    configure();
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    createFiles("a", 100);
    masters[leader()].stateMachine().checkpointNow().get(30, TimeUnit.SECONDS);
    createFiles("b", 40);
    for (int i = 0; i < 3; i++) {
      stop(i);
    }
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    int leader = leader();
    assertEquals(140, localCount(leader));
    createFiles("c", 10);
    assertEquals(150, localCount(leader()));
  }
}
