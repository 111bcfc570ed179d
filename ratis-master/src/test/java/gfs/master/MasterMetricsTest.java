package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.proto.CreateRequest;
import gfs.metrics.ScrapedText;
import gfs.proto.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real masters, each serving /metrics on a free port, scraped as Prometheus would. */
class MasterMetricsTest {
  @TempDir Path dir;
  private TestMasters masters;

  @AfterEach
  void stop() throws Exception {
    if (masters != null) {
      masters.close();
    }
  }

  @Test
  void eachMasterServesItsRaftStateAndTheLeaderItsNamespaceAndCalls() throws Exception {
    masters = new TestMasters(dir, 100_000, 8L << 20);
    masters.configs.replaceAll(c -> c.withMonitoring(new MasterConfig.Monitoring(0, false)));
    masters.startAll();
    int leader = masters.leader();
    assertFalse(masters.stub(leader).create(CreateRequest.newBuilder().setPath("/m/a").setCreateParents(true)
        .build()).hasError());
    // A refusal is counted under its gfs error code although its gRPC status is OK.
    assertEquals(ErrorCode.ALREADY_EXISTS, masters.stub(leader).create(CreateRequest.newBuilder().setPath("/m/a")
        .build()).getError().getCode());

    ScrapedText scrape = scrape(masters.get(leader));
    assertEquals(1, scrape.value("gfs_master_raft_leader"), scrape::toString);
    assertTrue(scrape.value("gfs_master_raft_term") >= 1);
    assertTrue(scrape.value("gfs_master_raft_applied_index") >= 2);
    assertEquals(2, scrape.value("gfs_master_files"), "/m and /m/a");
    assertTrue(scrape.value("gfs_master_raft_log_bytes") > 0);
    assertEquals(0, scrape.value("gfs_master_trash_entries"));
    assertEquals(1, scrape.value("gfs_rpc_server_seconds_count", "method=\"gfs.MasterService/Create\"",
        "outcome=\"OK\""));
    assertEquals(1, scrape.value("gfs_rpc_server_seconds_count", "method=\"gfs.MasterService/Create\"",
        "outcome=\"ALREADY_EXISTS\""));
    assertTrue(scrape.contains("role=\"master\"") && scrape.contains("server=\"master-" + (leader + 1) + "\""));
    for (int i = 0; i < 3; i++) {
      if (i != leader) {
        ScrapedText follower = scrape(masters.get(i));
        assertEquals(0, follower.value("gfs_master_raft_leader"), follower::toString);
        assertEquals(0, follower.value("gfs_master_chunkservers", "state=\"live\""), "leader only");
        assertTrue(follower.value("gfs_master_raft_leader_changes_total") >= 1, follower::toString);
      }
    }

    // The leader stops: the others lose it, elect one of themselves and time the election.
    masters.stop(leader);
    int next = masters.leader();
    ScrapedText after = scrape(masters.get(next));
    assertEquals(1, after.value("gfs_master_raft_leader"));
    assertTrue(after.value("gfs_master_raft_leader_changes_total") >= 2, after::toString);
    double elections = after.value("gfs_master_raft_election_seconds_count");
    double seconds = after.value("gfs_master_raft_election_seconds_sum");
    assertTrue(elections >= 1 && seconds > 0 && seconds < 20 * elections, elections + " elections, " + seconds + " s");
  }

  private static ScrapedText scrape(MasterServer master) throws Exception {
    return ScrapedText.fetch(master.metricsAddress());
  }
}
