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
import gfs.proto.MkdirRequest;
import gfs.proto.RequestHeader;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real Ratis master peers on loopback, driven through their gRPC service. */
class MasterGroupTest {
  @TempDir Path dir;
  TestMasters group;

  @BeforeEach
  void configure() throws Exception {
    group = new TestMasters(dir, MasterConfig.DEFAULT_CHECKPOINT_INTERVAL_ENTRIES,
        MasterConfig.DEFAULT_RAFT_SEGMENT_BYTES);
  }

  @AfterEach
  void stopAll() throws Exception {
    group.close();
  }

  private static CreateRequest create(String path, long callId) {
    return CreateRequest.newBuilder().setPath(path).setCreateParents(true)
        .setHeader(RequestHeader.newBuilder().setClientId("test-client").setCallId(callId)).build();
  }

  @Test
  void aLeaderWhoseRaftClientRatisClosedGoesOnAcceptingMutations() throws Exception {
    group.startAll();
    int leader = group.leader();
    assertFalse(group.stub(leader).create(create("/before", 1)).hasError());
    // What Ratis does to the client once one request runs out of retries (a fault suite saw
    // every later mutation fail with "RAFT is closed" while this master stayed leader).
    var closed = group.get(leader).raft().submitClient();
    closed.close();

    CreateResponse after = group.stub(leader).create(create("/after", 2));
    assertFalse(after.hasError(), after.getError().toString());
    assertTrue(group.get(leader).raft().submitClient() != closed, "the closed client was replaced");
    assertFalse(group.stub(leader).create(create("/after-again", 3)).hasError());
    assertEquals(ErrorCode.OK, group.stub(leader).stat(StatRequest.newBuilder().setPath("/after").build())
        .getError().getCode());
  }

  @Test
  void followersRedirectToTheLeaderAndMutationsSurviveAFollowerStopAndAFullRestart() throws Exception {
    group.startAll();
    int leader = group.leader();
    int follower = (leader + 1) % 3;

    StatResponse redirected = group.stub(follower).stat(StatRequest.newBuilder().setPath("/").build());
    assertEquals(ErrorCode.NOT_LEADER, redirected.getError().getCode());
    assertEquals(group.configs.get(leader).self().serviceAddress(), redirected.getError().getLeaderHint());

    assertFalse(group.stub(leader).mkdir(MkdirRequest.newBuilder().setPath("/data/logs").setParents(true).build()).hasError());
    for (int i = 0; i < 20; i++) {
      assertFalse(group.stub(leader).create(create("/data/logs/f" + i, i)).hasError());
    }

    group.stop(follower);
    for (int i = 20; i < 40; i++) {
      CreateResponse response = group.stub(leader).create(create("/data/logs/f" + i, i));
      assertFalse(response.hasError(), "create with one follower down: " + response.getError());
    }

    group.stopAll();
    group.startAll();
    int newLeader = group.leader();
    List<FileInfo> entries = group.stub(newLeader).list(ListRequest.newBuilder().setPath("/data/logs").build()).getEntriesList();
    assertEquals(40, entries.size(), "every acknowledged create is there after restarting all masters");
  }

  @Test
  void aRetriedCreateIsAppliedOnceAndAnswersLikeTheFirst() throws Exception {
    group.startAll();
    int leader = group.leader();
    CreateResponse first = group.stub(leader).create(create("/once", 7));
    CreateResponse retry = group.stub(leader).create(create("/once", 7));
    assertFalse(first.hasError());
    assertFalse(retry.hasError(), "the retry must get the first answer, not ALREADY_EXISTS: " + retry.getError());
    assertEquals(first.getFile().getInodeId(), retry.getFile().getInodeId());
    CreateResponse fresh = group.stub(leader).create(create("/once", 8));
    assertEquals(ErrorCode.ALREADY_EXISTS, fresh.getError().getCode());
    assertTrue(fresh.getError().getMessage().contains("/once"));
  }
}
