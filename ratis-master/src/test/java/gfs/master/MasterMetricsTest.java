package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.proto.CreateRequest;
import gfs.proto.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    String scrape = scrape(masters.get(leader));
    assertEquals(1, value(scrape, "gfs_master_raft_leader"), scrape);
    assertTrue(value(scrape, "gfs_master_raft_term") >= 1);
    assertTrue(value(scrape, "gfs_master_raft_applied_index") >= 2);
    assertEquals(2, value(scrape, "gfs_master_files"), "/m and /m/a");
    assertTrue(value(scrape, "gfs_master_raft_log_bytes") > 0);
    assertEquals(0, value(scrape, "gfs_master_trash_entries"));
    assertEquals(1, value(scrape, "gfs_rpc_server_seconds_count", "method=\"gfs.MasterService/Create\"",
        "outcome=\"OK\""));
    assertEquals(1, value(scrape, "gfs_rpc_server_seconds_count", "method=\"gfs.MasterService/Create\"",
        "outcome=\"ALREADY_EXISTS\""));
    assertTrue(scrape.contains("role=\"master\"") && scrape.contains("server=\"master-" + (leader + 1) + "\""));
    for (int i = 0; i < 3; i++) {
      if (i != leader) {
        String follower = scrape(masters.get(i));
        assertEquals(0, value(follower, "gfs_master_raft_leader"), follower);
        assertEquals(0, value(follower, "gfs_master_chunkservers", "state=\"live\""), "leader only");
        assertTrue(value(follower, "gfs_master_raft_leader_changes_total") >= 1, follower);
      }
    }

    // The leader stops: the others lose it, elect one of themselves and time the election.
    masters.stop(leader);
    int next = masters.leader();
    String after = scrape(masters.get(next));
    assertEquals(1, value(after, "gfs_master_raft_leader"));
    assertTrue(value(after, "gfs_master_raft_leader_changes_total") >= 2, after);
    double elections = value(after, "gfs_master_raft_election_seconds_count");
    double seconds = value(after, "gfs_master_raft_election_seconds_sum");
    assertTrue(elections >= 1 && seconds > 0 && seconds < 20 * elections, elections + " elections, " + seconds + " s");
  }

  private static String scrape(MasterServer master) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + master.metricsAddress() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  /** The value of the one series named name whose labels contain every given label. */
  private static double value(String scrape, String name, String... labels) {
    List<String> lines = scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains)).toList();
    assertEquals(1, lines.size(), name + " " + Arrays.toString(labels) + " in " + lines);
    String line = lines.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
