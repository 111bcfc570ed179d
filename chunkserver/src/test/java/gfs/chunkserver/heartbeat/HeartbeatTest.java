package gfs.chunkserver.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverServer;
import gfs.chunkserver.TestChunkservers;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkserverCommand;
import gfs.proto.CloneChunk;
import gfs.proto.DeleteChunks;
import gfs.proto.ErrorCode;
import gfs.proto.FailedClone;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.SetChunkVersion;
import gfs.proto.HeartbeatRequest;
import gfs.proto.RegisterRequest;
import gfs.proto.WriteRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, reports, commands and lease extension, seen from a master's side of the wire. */
class HeartbeatTest {
  @TempDir Path dataDir;
  private final TestChunkservers cluster = new TestChunkservers();
  private RecordingMaster leader;
  private RecordingMaster follower;

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    if (leader != null) {
      leader.close();
    }
    if (follower != null) {
      follower.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean reports(HeartbeatRequest request, long handle) {
    return request.getChunksList().stream().anyMatch(c -> c.getHandle() == handle);
  }

  @Test
  void registersOnceAMasterComesUpAndReportsToEveryMaster() throws Exception {
    int leaderPort = freePort();
    follower = new RecordingMaster(0, false);
    ChunkserverServer cs = cluster.start(TestChunkservers.config(dataDir, "cs-1",
        "127.0.0.1:" + leaderPort + ",127.0.0.1:" + follower.port(), Map.of()));
    assertEquals(ErrorCode.OK, cluster.grant(cs, 0x10, 1, false, 0, true).getError().getCode());
    Thread.sleep(700);  // the leader is down: registration is retried, the server keeps running
    assertTrue(cs.store().record(0x10).isPresent());

    leader = new RecordingMaster(leaderPort, true);
    leader.awaitHeartbeat(0, h -> true);
    RegisterRequest registration = leader.registrations.get(0);
    assertEquals("cs-1", registration.getServer().getId());
    assertEquals(cs.port(), registration.getServer().getPort());
    assertEquals("rack-cs-1", registration.getServer().getRack());
    assertTrue(registration.getChunksList().stream().anyMatch(c -> c.getHandle() == 0x10 && c.getVersion() == 1));
    assertTrue(registration.getDisk().getCapacityBytes() > 0);
    assertFalse(follower.registrations.isEmpty(), "followers hear from the chunkserver too");
    follower.awaitHeartbeat(0, h -> true);
  }

  @Test
  void heartbeatsCarryOnlyWhatChangedSinceTheLastOneToThatMaster() throws Exception {
    leader = new RecordingMaster(0, true);
    ChunkserverServer cs = cluster.start(TestChunkservers.config(dataDir, "cs-1", "127.0.0.1:" + leader.port(), Map.of()));
    leader.awaitHeartbeat(h -> true);
    int beforeCreate = leader.mark();
    cluster.grant(cs, 0x20, 1, true, 60_000, true);
    HeartbeatRequest created = leader.awaitHeartbeat(beforeCreate, h -> reports(h, 0x20));
    assertFalse(created.getFullReport());
    assertEquals(1, created.getChunksCount(), "only the new chunk is reported");
    HeartbeatRequest next = leader.awaitHeartbeat(h -> true);
    assertEquals(0, next.getChunksCount(), "nothing changed since");

    int beforeWrite = leader.mark();
    ByteString data = ByteString.copyFrom(new byte[5000]);
    assertEquals(ErrorCode.OK, cluster.push(java.util.List.of(cs), "d1", data).getError().getCode());
    assertEquals(ErrorCode.OK, cluster.client(cs).write(WriteRequest.newBuilder().setHandle(0x20).setVersion(1)
        .setDataId("d1").setLength(5000).build()).getError().getCode());
    HeartbeatRequest written = leader.awaitHeartbeat(beforeWrite, h -> reports(h, 0x20));
    ChunkReport report = written.getChunks(0);
    assertEquals(5000, report.getLength());
    assertTrue(written.getDisk().getUsedBytes() >= 5000);
  }

  @Test
  void carriesOutTheLeadersCommandsAndIgnoresFollowers() throws Exception {
    leader = new RecordingMaster(0, true);
    follower = new RecordingMaster(0, false);
    ChunkserverServer cs = cluster.start(TestChunkservers.config(dataDir, "cs-1",
        "127.0.0.1:" + leader.port() + ",127.0.0.1:" + follower.port(), Map.of()));
    cluster.grant(cs, 0x30, 1, false, 0, true);
    cluster.grant(cs, 0x31, 1, false, 0, true);
    leader.awaitHeartbeat(h -> true);

    follower.pendingCommands.add(delete(0x31));
    follower.awaitHeartbeat(h -> follower.pendingCommands.isEmpty());
    follower.awaitHeartbeat(h -> true);
    assertTrue(cs.store().record(0x31).isPresent(), "a follower's command is not obeyed");

    int beforeCommands = leader.mark();
    leader.pendingCommands.add(delete(0x30));
    leader.pendingCommands.add(ChunkserverCommand.newBuilder().setSetVersion(
        SetChunkVersion.newBuilder().setHandle(0x31).setVersion(4)).build());
    HeartbeatRequest removed = leader.awaitHeartbeat(beforeCommands, h -> h.getRemovedChunksList().contains(0x30L));
    assertFalse(Files.exists(dataDir.resolve("cs-1/chunks/0000000000000030.chunk")));
    assertTrue(cs.store().record(0x30).isEmpty());
    assertTrue(removed.getRemovedChunksCount() >= 1);
    leader.awaitHeartbeat(beforeCommands,
        h -> h.getChunksList().stream().anyMatch(c -> c.getHandle() == 0x31 && c.getVersion() == 4));
  }

  @Test
  void aCloneThatFailsIsReportedToEveryMasterSoTheLeaderCanPlanItAgain() throws Exception {
    leader = new RecordingMaster(0, true);
    follower = new RecordingMaster(0, false);
    // Only cs-2 heartbeats to the leader, so only cs-2 is handed the command.
    ChunkserverServer source = cluster.start(TestChunkservers.config(dataDir, "cs-1",
        "127.0.0.1:" + follower.port(), Map.of()));
    ChunkserverServer target = cluster.start(TestChunkservers.config(dataDir, "cs-2",
        "127.0.0.1:" + leader.port() + ",127.0.0.1:" + follower.port(), Map.of()));
    leader.awaitHeartbeat(h -> true);
    int before = leader.mark();
    // cs-1 does not hold 0x50: the copy is refused and the clone fails on cs-2.
    leader.pendingCommands.add(ChunkserverCommand.newBuilder().setCloneChunk(CloneChunk.newBuilder()
        .setHandle(0x50).setVersion(3).setSource(source.info())).build());
    HeartbeatRequest failed = leader.awaitHeartbeat(before,
        h -> h.getServer().getId().equals("cs-2") && h.getFailedClonesCount() > 0);
    FailedClone failure = failed.getFailedClones(0);
    assertEquals(0x50, failure.getHandle());
    assertEquals(3, failure.getVersion());
    assertEquals("cs-1", failure.getSourceId());
    assertTrue(failure.getReason().contains("not on cs-1"), failure.getReason());
    follower.awaitHeartbeat(0, h -> h.getFailedClonesList().stream().anyMatch(f -> f.getHandle() == 0x50));
    assertTrue(target.store().record(0x50).isEmpty());
  }

  @Test
  void busyPrimaryAsksForLeaseExtensionsAndKeepsItsLease() throws Exception {
    leader = new RecordingMaster(0, true);
    leader.extensionMs = 1000;
    ChunkserverServer cs = cluster.start(TestChunkservers.config(dataDir, "cs-1", "127.0.0.1:" + leader.port(), Map.of()));
    cluster.grant(cs, 0x40, 1, true, 1000, true);
    long grantedAt = System.nanoTime();
    int writes = 0;
    while (System.nanoTime() - grantedAt < 1_800_000_000L) {  // keep writing well past the first lease
      String id = "w" + writes++;
      cluster.push(java.util.List.of(cs), id, ByteString.copyFrom(new byte[100]));
      var response = cluster.client(cs).write(WriteRequest.newBuilder().setHandle(0x40).setVersion(1)
          .setOffset(0).setDataId(id).setLength(100).build());
      assertEquals(ErrorCode.OK, response.getError().getCode(), response.getError().getMessage());
      Thread.sleep(50);
    }
    assertTrue(leader.heartbeats.stream().anyMatch(h -> h.getLeaseExtensionsCount() > 0));
    assertTrue(cluster.client(cs).getChunkInfo(GetChunkInfoRequest.newBuilder().setHandle(0x40).build()).getPrimary());
  }

  private static ChunkserverCommand delete(long handle) {
    return ChunkserverCommand.newBuilder().setDeleteChunks(DeleteChunks.newBuilder().addHandles(handle)).build();
  }
}
