package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.proto.CreateRequest;
import gfs.proto.CreateResponse;
import gfs.proto.ErrorCode;
import gfs.proto.FileInfo;
import gfs.proto.ListRequest;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.MkdirRequest;
import gfs.proto.RequestHeader;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real Ratis master peers on loopback, driven through their gRPC service. */
class MasterGroupTest {
  @TempDir Path dir;
  final List<MasterConfig> configs = new ArrayList<>();
  final MasterServer[] masters = new MasterServer[3];
  final List<ManagedChannel> channels = new ArrayList<>();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void startAll() throws Exception {
    if (configs.isEmpty()) {
      List<MasterConfig.Peer> peers = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        peers.add(new MasterConfig.Peer("master-" + i, "127.0.0.1", freePort(), freePort()));
      }
      for (MasterConfig.Peer peer : peers) {
        configs.add(new MasterConfig(peer.id(), "127.0.0.1", peer.servicePort(), peer.raftPort(), peers, List.of(),
            dir.resolve(peer.id()), 64L << 20, 1L << 20, 3, 60_000, 10_000, 1_000, 3_000, 300, 600));
      }
    }
    for (int i = 0; i < 3; i++) {
      masters[i] = MasterServer.start(configs.get(i), e -> { throw new AssertionError("fatal apply", e); });
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    channels.forEach(Rpc::close);
    for (MasterServer master : masters) {
      if (master != null) {
        master.close();
      }
    }
  }

  private int leaderIndex() throws InterruptedException {
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

  private MasterServiceGrpc.MasterServiceBlockingStub stub(int index) {
    ManagedChannel channel = Rpc.channel("127.0.0.1", configs.get(index).servicePort());
    channels.add(channel);
    return MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static CreateRequest create(String path, long callId) {
    return CreateRequest.newBuilder().setPath(path).setCreateParents(true)
        .setHeader(RequestHeader.newBuilder().setClientId("test-client").setCallId(callId)).build();
  }

  @Test
  void followersRedirectToTheLeaderAndMutationsSurviveAFollowerStopAndAFullRestart() throws Exception {
    startAll();
    int leader = leaderIndex();
    int follower = (leader + 1) % 3;

    StatResponse redirected = stub(follower).stat(StatRequest.newBuilder().setPath("/").build());
    assertEquals(ErrorCode.NOT_LEADER, redirected.getError().getCode());
    assertEquals(configs.get(leader).self().serviceAddress(), redirected.getError().getLeaderHint());

    assertFalse(stub(leader).mkdir(MkdirRequest.newBuilder().setPath("/data/logs").setParents(true).build()).hasError());
    for (int i = 0; i < 20; i++) {
      assertFalse(stub(leader).create(create("/data/logs/f" + i, i)).hasError());
    }

    masters[follower].close();
    masters[follower] = null;
    for (int i = 20; i < 40; i++) {
      CreateResponse response = stub(leader).create(create("/data/logs/f" + i, i));
      assertFalse(response.hasError(), "create with one follower down: " + response.getError());
    }

    for (int i = 0; i < 3; i++) {
      if (masters[i] != null) {
        masters[i].close();
        masters[i] = null;
      }
    }
    startAll();
    int newLeader = leaderIndex();
    List<FileInfo> entries = stub(newLeader).list(ListRequest.newBuilder().setPath("/data/logs").build()).getEntriesList();
    assertEquals(40, entries.size(), "every acknowledged create is there after restarting all masters");
  }

  @Test
  void aRetriedCreateIsAppliedOnceAndAnswersLikeTheFirst() throws Exception {
    startAll();
    int leader = leaderIndex();
    CreateResponse first = stub(leader).create(create("/once", 7));
    CreateResponse retry = stub(leader).create(create("/once", 7));
    assertFalse(first.hasError());
    assertFalse(retry.hasError(), "the retry must get the first answer, not ALREADY_EXISTS: " + retry.getError());
    assertEquals(first.getFile().getInodeId(), retry.getFile().getInodeId());
    CreateResponse fresh = stub(leader).create(create("/once", 8));
    assertEquals(ErrorCode.ALREADY_EXISTS, fresh.getError().getCode());
    assertTrue(fresh.getError().getMessage().contains("/once"));
  }
}
