package gfs.master;

import gfs.master.config.MasterConfig;
import gfs.proto.MasterServiceGrpc;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Three real master peers in this JVM on loopback ports, started, stopped and called by index. */
final class TestMasters implements AutoCloseable {
  private static final int LOW_PORT = 20_000;
  private static final int PORT_SPAN = 12_000;
  /** Handed out in turn, so one JVM never picks a port twice. */
  private static final AtomicInteger NEXT_PORT = new AtomicInteger(LOW_PORT + new Random().nextInt(PORT_SPAN));

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

  /**
   * A free port below the ephemeral range (32768 and up on Linux). A port from that range,
   * free when picked, could be taken by a client connection before the master binds it: a
   * Ratis server failing to bind exits the JVM.
   */
  static int freePort() throws Exception {
    for (int tries = 0; tries < 2_000; tries++) {
      int port = LOW_PORT + Math.floorMod(NEXT_PORT.getAndIncrement() - LOW_PORT, PORT_SPAN);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException inUse) {
        // taken: try the next
      }
    }
    throw new IOException("no free port in " + LOW_PORT + ".." + (LOW_PORT + PORT_SPAN - 1));
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
