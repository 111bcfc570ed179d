package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.master.raft.RaftNode;
import gfs.proto.AddMasterRequest;
import gfs.proto.AddMasterResponse;
import gfs.proto.BalancerRequest;
import gfs.proto.BalancerResponse;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.CreateRequest;
import gfs.proto.ErrorCode;
import gfs.proto.FsckRequest;
import gfs.proto.FsckResponse;
import gfs.proto.GcStatusRequest;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.MasterStatus;
import gfs.proto.RaftRole;
import gfs.proto.ReadOptions;
import gfs.proto.RemoveMasterRequest;
import gfs.proto.RemoveMasterResponse;
import gfs.proto.ReplicationStatusRequest;
import gfs.proto.SetSafeModeRequest;
import gfs.proto.SetSafeModeResponse;
import gfs.proto.RequestHeader;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import gfs.proto.TakeCheckpointRequest;
import gfs.proto.TakeCheckpointResponse;
import gfs.proto.TransferLeaderRequest;
import gfs.proto.TransferLeaderResponse;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.ratis.server.raftlog.RaftLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leadership and membership through MasterAdminService, on real Ratis peers on loopback:
 * three voters, then a fourth peer (a shadow) added while they run.
 */
class MasterAdminTest {
  @TempDir Path dir;
  final List<MasterConfig.Peer> voters = new ArrayList<>();
  final List<MasterServer> masters = new ArrayList<>();
  final List<ManagedChannel> channels = new ArrayList<>();
  long callId;

  private MasterConfig config(MasterConfig.Peer self, List<MasterConfig.Peer> shadows) {
    return new MasterConfig(self.id(), "127.0.0.1", self.servicePort(), self.raftPort(), voters, shadows,
        dir.resolve(self.id()), 64L << 20, 1L << 20, 3, 60_000, 10_000, 1_000, 3_000, 300, 600);
  }

  private void startVoters() throws Exception {
    for (int i = 1; i <= 3; i++) {
      voters.add(new MasterConfig.Peer("master-" + i, "127.0.0.1", TestMasters.freePort(), TestMasters.freePort()));
    }
    for (MasterConfig.Peer peer : voters) {
      masters.add(MasterServer.start(config(peer, List.of()), e -> { throw new AssertionError("fatal apply", e); }));
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

  private MasterServer leader() throws InterruptedException {
    awaitTrue("a ready leader", () -> masters.stream().anyMatch(m -> m != null && m.raft().isReadyLeader()));
    return masters.stream().filter(m -> m != null && m.raft().isReadyLeader()).findFirst().orElseThrow();
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  private ManagedChannel channel(MasterServer master) {
    ManagedChannel channel = Rpc.channel("127.0.0.1", master.servicePort());
    channels.add(channel);
    return channel;
  }

  private MasterAdminServiceGrpc.MasterAdminServiceBlockingStub admin(MasterServer master) {
    return MasterAdminServiceGrpc.newBlockingStub(channel(master)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private MasterServiceGrpc.MasterServiceBlockingStub client(MasterServer master) {
    return MasterServiceGrpc.newBlockingStub(channel(master)).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private void create(MasterServer leader, String path) {
    gfs.proto.Error error = tryCreate(leader, path);
    assertFalse(error.getCode() != ErrorCode.OK, "create " + path + ": " + error);
  }

  private gfs.proto.Error tryCreate(MasterServer leader, String path) {
    CreateRequest request = CreateRequest.newBuilder().setPath(path).setCreateParents(true)
        .setHeader(RequestHeader.newBuilder().setClientId("admin-test").setCallId(++callId)).build();
    return client(leader).create(request).getError();
  }

  /** Log index of the newest namespace mutation applied (metadata and no-op entries skipped). */
  private static long lastTransactionIndex(MasterServer master) throws Exception {
    RaftLog log = master.raft().server().getDivision(RaftNode.GROUP_ID).getRaftLog();
    for (long index = master.raft().appliedIndex(); index >= 0; index--) {
      if (log.get(index).hasStateMachineLogEntry()) {
        return index;
      }
    }
    throw new AssertionError("no state machine entry in the log of " + master.config().id());
  }

  private static Map<String, MasterStatus> peersById(ClusterStatusResponse status) {
    return status.getPeersList().stream().collect(Collectors.toMap(MasterStatus::getId, p -> p));
  }

  @Test
  void leadershipMovesToTheNamedVoterAndFollowersPointToTheLeader() throws Exception {
    startVoters();
    MasterServer leader = leader();
    MasterServer follower = masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
    String target = follower.config().id();

    TransferLeaderResponse onFollower = admin(follower).transferLeader(
        TransferLeaderRequest.newBuilder().setTargetId(target).build());
    assertEquals(ErrorCode.NOT_LEADER, onFollower.getError().getCode());
    assertEquals(leader.config().self().serviceAddress(), onFollower.getError().getLeaderHint());

    TransferLeaderResponse unknown = admin(leader).transferLeader(
        TransferLeaderRequest.newBuilder().setTargetId("master-9").build());
    assertEquals(ErrorCode.INVALID_ARGUMENT, unknown.getError().getCode());
    assertTrue(unknown.getError().getMessage().contains("master-9"), unknown.getError().getMessage());

    TransferLeaderResponse moved = admin(leader).transferLeader(
        TransferLeaderRequest.newBuilder().setTargetId(target).build());
    assertFalse(moved.hasError(), "transfer: " + moved.getError());
    awaitTrue(target + " leads", () -> follower.raft().isReadyLeader());
    assertFalse(leader.raft().isLeader());

    ClusterStatusResponse status = admin(follower).clusterStatus(ClusterStatusRequest.getDefaultInstance());
    assertEquals(target, status.getLeaderId());
    Map<String, MasterStatus> peers = peersById(status);
    assertEquals(2, peers.size(), "the new leader reports both other voters: " + status.getPeersList());
    for (MasterStatus peer : peers.values()) {
      assertEquals(RaftRole.FOLLOWER, peer.getRole());
      assertFalse(peer.getAddress().isEmpty(), "service address of " + peer.getId());
      assertTrue(peer.getLag() >= 0);
    }
  }

  @Test
  void aShadowAddedWhileTheGroupRunsCatchesUpAndAnswersStaleReadsThenVotersAndShadowsCanBeRemoved()
      throws Exception {
    startVoters();
    MasterServer leader = leader();
    for (int i = 0; i < 20; i++) {
      create(leader, "/before/f" + i);
    }

    MasterConfig.Peer shadowPeer = new MasterConfig.Peer("shadow-1", "127.0.0.1", TestMasters.freePort(), TestMasters.freePort());
    MasterServer shadow = MasterServer.start(config(shadowPeer, List.of(shadowPeer)),
        e -> { throw new AssertionError("fatal apply on the shadow", e); });
    masters.add(shadow);
    AddMasterResponse added = admin(leader).addMaster(AddMasterRequest.newBuilder().setId("shadow-1")
        .setRaftAddress(shadowPeer.raftAddress()).setServiceAddress(shadowPeer.serviceAddress())
        .setListener(true).build());
    assertFalse(added.hasError(), "add shadow: " + added.getError());
    AddMasterResponse again = admin(leader).addMaster(AddMasterRequest.newBuilder().setId("shadow-1")
        .setRaftAddress(shadowPeer.raftAddress()).setServiceAddress(shadowPeer.serviceAddress())
        .setListener(true).build());
    assertFalse(again.hasError(), "adding the same shadow again is a success: " + again.getError());

    for (int i = 0; i < 20; i++) {
      create(leader, "/after/f" + i);
    }
    awaitTrue("the shadow applies what the leader applied",
        () -> shadow.raft().appliedIndex() >= leader.raft().appliedIndex());
    assertEquals(RaftRole.LISTENER, shadow.raft().role());
    MasterStatus shadowSeenByLeader = peersById(admin(leader).clusterStatus(
        ClusterStatusRequest.getDefaultInstance())).get("shadow-1");
    assertEquals(RaftRole.LISTENER, shadowSeenByLeader.getRole());
    assertEquals(shadowPeer.serviceAddress(), shadowSeenByLeader.getAddress());

    StatRequest stat = StatRequest.newBuilder().setPath("/after/f19").build();
    assertEquals(ErrorCode.NOT_LEADER, client(shadow).stat(stat).getError().getCode(),
        "a shadow answers only stale reads");
    StatResponse stale = client(shadow).stat(stat.toBuilder()
        .setRead(ReadOptions.newBuilder().setAllowStale(true)).build());
    assertFalse(stale.hasError(), "stale stat on the shadow: " + stale.getError());
    assertEquals("/after/f19", stale.getInfo().getPath());

    TransferLeaderResponse toShadow = admin(leader).transferLeader(
        TransferLeaderRequest.newBuilder().setTargetId("shadow-1").build());
    assertTrue(toShadow.getError().getMessage().contains("read-only shadow"), toShadow.getError().getMessage());

    RemoveMasterResponse removeLeader = admin(leader).removeMaster(
        RemoveMasterRequest.newBuilder().setId(leader.config().id()).build());
    assertTrue(removeLeader.getError().getMessage().contains("is the leader"), removeLeader.getError().getMessage());
    RemoveMasterResponse removeUnknown = admin(leader).removeMaster(
        RemoveMasterRequest.newBuilder().setId("master-9").build());
    assertTrue(removeUnknown.getError().getMessage().contains("no master master-9"),
        removeUnknown.getError().getMessage());

    MasterServer follower = masters.stream().filter(m -> m != leader && m != shadow).findFirst().orElseThrow();
    RemoveMasterResponse removed = admin(leader).removeMaster(
        RemoveMasterRequest.newBuilder().setId(follower.config().id()).build());
    assertFalse(removed.hasError(), "remove a follower: " + removed.getError());
    RemoveMasterResponse removedShadow = admin(leader).removeMaster(
        RemoveMasterRequest.newBuilder().setId("shadow-1").build());
    assertFalse(removedShadow.hasError(), "remove the shadow: " + removedShadow.getError());
    Map<String, MasterStatus> left = peersById(admin(leader).clusterStatus(ClusterStatusRequest.getDefaultInstance()));
    assertEquals(1, left.size(), "only the other voter remains: " + left.keySet());

    create(leader, "/two-voters/still-commits");
  }

  @Test
  void aCheckpointOnRequestCoversEverythingAppliedBeforeIt() throws Exception {
    startVoters();
    MasterServer leader = leader();
    for (int i = 0; i < 10; i++) {
      create(leader, "/c/f" + i);
    }
    long lastCreate = lastTransactionIndex(leader);
    TakeCheckpointResponse checkpoint = admin(leader).takeCheckpoint(TakeCheckpointRequest.getDefaultInstance());
    assertFalse(checkpoint.hasError(), "checkpoint: " + checkpoint.getError());
    assertTrue(checkpoint.getIndex() >= lastCreate,
        "checkpoint index " + checkpoint.getIndex() + " covers the last create at " + lastCreate);

    MasterServer follower = masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
    assertEquals(ErrorCode.NOT_LEADER,
        admin(follower).takeCheckpoint(TakeCheckpointRequest.getDefaultInstance()).getError().getCode());
  }

  @Test
  void safeModeAndTheBalancerSwitchAreReplicatedSoANewLeaderKeepsThem() throws Exception {
    startVoters();
    MasterServer leader = leader();
    create(leader, "/sm/before");
    MasterServer follower = masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
    SetSafeModeResponse onFollower = admin(follower).setSafeMode(SetSafeModeRequest.newBuilder().setEnter(true).build());
    assertEquals(ErrorCode.NOT_LEADER, onFollower.getError().getCode());
    for (ErrorCode code : List.of(
        admin(follower).fsck(FsckRequest.getDefaultInstance()).getError().getCode(),
        admin(follower).replicationStatus(ReplicationStatusRequest.getDefaultInstance()).getError().getCode(),
        admin(follower).gcStatus(GcStatusRequest.getDefaultInstance()).getError().getCode(),
        admin(follower).balancer(BalancerRequest.getDefaultInstance()).getError().getCode())) {
      assertEquals(ErrorCode.NOT_LEADER, code, "only the leader reports its background work");
    }

    SetSafeModeResponse entered = admin(leader).setSafeMode(SetSafeModeRequest.newBuilder().setEnter(true).build());
    assertTrue(entered.getSafeMode(), "enter: " + entered.getError());
    assertTrue(entered.getChangedAtMs() > 0);
    assertEquals(ErrorCode.INVALID_ARGUMENT, admin(leader).setSafeMode(SetSafeModeRequest.newBuilder()
        .setEnter(true).setLeave(true).build()).getError().getCode());
    assertEquals(ErrorCode.SAFE_MODE, tryCreate(leader, "/sm/refused").getCode());
    BalancerResponse stopped = admin(leader).balancer(BalancerRequest.newBuilder()
        .setAction(BalancerRequest.Action.STOP).build());
    assertFalse(stopped.getEnabled(), "stop: " + stopped.getError());
    assertTrue(stopped.getSafeMode());
    assertTrue(admin(leader).clusterStatus(ClusterStatusRequest.getDefaultInstance()).getSafeMode());
    FsckResponse fsck = admin(leader).fsck(FsckRequest.newBuilder().setPath("/sm").build());
    assertTrue(fsck.getHealthy(), "reads go on in safe mode: " + fsck.getError());
    assertEquals(1, fsck.getSummary().getFiles());

    assertFalse(admin(leader).transferLeader(TransferLeaderRequest.newBuilder()
        .setTargetId(follower.config().id()).build()).hasError());
    awaitTrue("the follower leads", () -> follower.raft().isReadyLeader());
    SetSafeModeResponse kept = admin(follower).setSafeMode(SetSafeModeRequest.getDefaultInstance());
    assertTrue(kept.getSafeMode(), "the new leader is in safe mode: " + kept.getError());
    assertEquals(entered.getChangedAtMs(), kept.getChangedAtMs());
    assertEquals(ErrorCode.SAFE_MODE, tryCreate(follower, "/sm/refused").getCode());
    assertFalse(admin(follower).balancer(BalancerRequest.getDefaultInstance()).getEnabled(),
        "the new leader's balancer is stopped too");

    SetSafeModeResponse left = admin(follower).setSafeMode(SetSafeModeRequest.newBuilder().setLeave(true).build());
    assertFalse(left.getSafeMode(), "leave: " + left.getError());
    create(follower, "/sm/after");
    BalancerResponse started = admin(follower).balancer(BalancerRequest.newBuilder()
        .setAction(BalancerRequest.Action.START).build());
    assertTrue(started.getEnabled() && started.getActive(), "start: " + started);
  }
}
