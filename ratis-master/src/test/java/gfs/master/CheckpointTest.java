package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.CreateRequest;
import gfs.proto.ListRequest;
import gfs.proto.ListResponse;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints with real Ratis peers: purge behind them, install on a wiped follower, restart. */
class CheckpointTest {
  @TempDir Path dir;
  TestMasters group;

  @BeforeEach
  void configure() throws Exception {
    // Small segments so that whole segments exist behind a checkpoint to purge.
    group = new TestMasters(dir, 1_000_000, 64 * 1024);
  }

  @AfterEach
  void stopAll() throws Exception {
    group.close();
  }

  private int leader() throws InterruptedException {
    return group.leader();
  }

  private MasterServiceGrpc.MasterServiceBlockingStub stub(int i) {
    return group.stub(i);
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
    group.startAll();
    createFiles("a", 600);
    int leader = leader();
    int follower = (leader + 1) % 3;
    group.stop(follower);
    deleteTree(group.configs.get(follower).dataDir());

    long index = group.get(leader).stateMachine().checkpointNow().get(30, TimeUnit.SECONDS);
    assertTrue(index > 0);
    long logStart = group.get(leader).raft().server().getDivision(gfs.master.raft.RaftNode.GROUP_ID)
        .getRaftLog().getStartIndex();
    String segments;
    try (Stream<Path> files = Files.walk(group.configs.get(leader).dataDir().resolve("raft"))) {
      segments = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("log_")).sorted().toList().toString();
    }
    assertTrue(logStart > 0, "the log behind the checkpoint was purged (start " + logStart + ", segments " + segments + ")");
    createFiles("b", 30);

    group.start(follower);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (localCount(follower) != 630 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(630, localCount(follower), "the wiped follower has every file again");
    assertTrue(Files.list(group.configs.get(follower).dataDir().resolve("raft")).findAny().isPresent());
  }

  @Test
  void aRestartAfterACheckpointReplaysOnlyTheTailAndLosesNothing() throws Exception {
    group.startAll();
    createFiles("a", 100);
    int checkpointed = leader();
    long checkpoint = group.get(checkpointed).stateMachine().checkpointNow().get(30, TimeUnit.SECONDS);
    createFiles("b", 40);
    group.stopAll();
    group.startAll();
    int leader = leader();
    // The peer that took the checkpoint replays from it, not from the start of the log.
    assertEquals(checkpoint, group.get(checkpointed).stateMachine().getLatestSnapshot().getIndex());
    assertEquals(140, localCount(leader));
    createFiles("c", 10);
    assertEquals(150, localCount(leader()));
  }
}
