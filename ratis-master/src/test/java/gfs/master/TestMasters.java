package gfs.master;

import gfs.master.config.MasterConfig;
import gfs.proto.MasterServiceGrpc;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Three real master peers in this JVM on loopback ports, started, stopped and called by index. */
final class TestMasters implements AutoCloseable {
  final List<MasterConfig> configs = new ArrayList<>();
  private final MasterServer[] masters = new MasterServer[3];
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** 1 MB chunks, 60 s leases; checkpoints and log segments as given. */
  TestMasters(Path dir, long checkpointIntervalEntries, long raftSegmentBytes) throws Exception {
    List<MasterConfig.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      peers.add(new MasterConfig.Peer("master-" + i, "127.0.0.1", freePort(), freePort()));
    }
    for (MasterConfig.Peer peer : peers) {
      configs.add(new MasterConfig(peer.id(), "127.0.0.1", peer.servicePort(), peer.raftPort(), peers, List.of(),
          dir.resolve(peer.id()), 64L << 20, 1L << 20, 3, 60_000, 10_000, 1_000, 3_000, 300, 600,
          checkpointIntervalEntries, raftSegmentBytes));
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  MasterServer get(int i) {
    return masters[i];
  }

  void start(int i) throws Exception {
    masters[i] = MasterServer.start(configs.get(i), e -> { throw new AssertionError("fatal apply", e); });
  }

  void startAll() throws Exception {
    for (int i = 0; i < 3; i++) {
      start(i);
    }
  }

  void stop(int i) throws Exception {
    if (masters[i] != null) {
      masters[i].close();
      masters[i] = null;
    }
  }

  void stopAll() throws Exception {
    for (int i = 0; i < 3; i++) {
      stop(i);
    }
  }

  /** Index of the ready leader, waiting up to 20 s for an election. */
  int leader() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (masters[i] != null && masters[i].raft().isReadyLeader()) {
          return i;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no leader elected within 20 s");
  }

  MasterServiceGrpc.MasterServiceBlockingStub stub(int i) {
    ManagedChannel channel = Rpc.channel("127.0.0.1", configs.get(i).servicePort());
    channels.add(channel);
    return MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    channels.forEach(Rpc::close);
    stopAll();
  }
}
