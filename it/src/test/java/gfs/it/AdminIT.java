package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master group as an operator sees it through ./gfs, on one cluster of real processes
 * (three voting masters and the default shadow): `admin masters`, `admin transfer-leader`,
 * `admin checkpoint`; then SPEC "read-only shadows": the shadow follows the log to the
 * leader's applied index, and answers stat, list and chunk locations while every voting
 * master is dead, while mutations are refused. The tests run in order on the shared cluster,
 * the one that kills the voters last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdminIT {
  static final List<String> VOTERS = List.of("master-1", "master-2", "master-3");
  static final String SHADOW = "shadow-1";
  static final int FILES = 40;

  LocalCluster cluster;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, "1MB");
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** `./gfs admin masters --json`, by master id. */
  private Map<String, Struct> adminMasters() throws Exception {
    GfsCommand.Result result = cluster.gfs("admin", "masters", "--json");
    assertEquals(0, result.exitCode(), result.toString());
    Struct.Builder json = Struct.newBuilder();
    JsonFormat.parser().merge(result.stdout(), json);
    Map<String, Struct> byId = new LinkedHashMap<>();
    for (Value master : json.getFieldsOrThrow("masters").getListValue().getValuesList()) {
      Struct fields = master.getStructValue();
      byId.put(fields.getFieldsOrThrow("id").getStringValue(), fields);
    }
    return byId;
  }

  private static String role(Struct master) {
    return master.getFieldsOrThrow("role").getStringValue();
  }

  @Test
  @Order(1)
  void adminMastersListsTheThreeVotersAndTheShadowWithTheirLag() throws Exception {
    Map<String, Struct> masters = adminMasters();
    assertEquals(List.of("master-1", "master-2", "master-3", SHADOW), List.copyOf(masters.keySet()));
    assertEquals("LISTENER", role(masters.get(SHADOW)));
    assertEquals(1, masters.values().stream().filter(m -> role(m).equals("LEADER")).count(), masters.toString());
    assertEquals(2, masters.values().stream().filter(m -> role(m).equals("FOLLOWER")).count(), masters.toString());
    for (Struct master : masters.values()) {
      assertTrue(master.getFieldsOrThrow("lag").hasNumberValue(), "the leader reports every lag: " + master);
      assertTrue(master.getFieldsOrThrow("term").getNumberValue() > 0, "answered for itself: " + master);
    }

    GfsCommand.Result table = cluster.gfs("admin", "masters");
    assertEquals(0, table.exitCode(), table.toString());
    List<String> lines = Arrays.asList(table.stdout().split("\n"));
    assertTrue(lines.get(1).matches("ID +ADDRESS +ROLE +TERM +COMMIT +APPLIED +LAG"), table.stdout());
    assertTrue(lines.get(5).startsWith(SHADOW + " ") && lines.get(5).contains(" LISTENER "), table.stdout());
  }

  @Test
  @Order(2)
  void transferLeaderMovesLeadershipToTheNamedMaster() throws Exception {
    String leader = cluster.awaitLeader(30_000);
    String target = VOTERS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();

    GfsCommand.Result moved = cluster.gfs("admin", "transfer-leader", target);
    assertEquals(0, moved.exitCode(), moved.toString());
    assertEquals(target + " is the master leader\n", moved.stdout());
    Map<String, Struct> masters = adminMasters();
    assertEquals("LEADER", role(masters.get(target)), masters.toString());
    assertEquals("FOLLOWER", role(masters.get(leader)), masters.toString());

    GfsCommand.Result toShadow = cluster.gfs("admin", "transfer-leader", SHADOW);
    assertEquals(1, toShadow.exitCode(), toShadow.toString());
    assertEquals("gfs: master shadow-1 is a read-only shadow (Raft listener) and cannot lead\n",
        toShadow.stderr());
    GfsCommand.Result unknown = cluster.gfs("admin", "remove-master", "master-9");
    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.stderr().contains("no master master-9 in the group (members: master-1,"
        + " master-2, master-3, shadow-1 (shadow))"), unknown.stderr());
  }

  @Test
  @Order(3)
  void checkpointPrintsTheLogIndexItCovers() throws Exception {
    try (GfsClient client = cluster.client()) {
      client.mkdir("/checkpointed", false);
    }
    GfsCommand.Result result = cluster.gfs("admin", "checkpoint");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().matches("checkpoint at log index [1-9][0-9]*\n"), result.stdout());
  }

  @Test
  @Order(4)
  void theShadowReachesTheLeadersAppliedIndexAndAnswersReadsWhileEveryVoterIsDead() throws Exception {
    byte[] content = "written before the voters died\n".getBytes(StandardCharsets.UTF_8);
    try (GfsClient client = cluster.client()) {
      client.mkdir("/shadowed", false);
      for (int i = 0; i < FILES; i++) {
        client.create("/shadowed/f" + i);
      }
      client.create("/shadowed/data.txt");
      client.write("/shadowed/data.txt", 0, content, 0, content.length);
    }

    // Writes stopped: the shadow's applied index reaches the leader's.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Map<String, ClusterView.Master> byId;
    while (true) {
      try (GfsClient client = cluster.client()) {
        byId = new LinkedHashMap<>();
        for (ClusterView.Master master : client.clusterStatus().masters()) {
          byId.put(master.id(), master);
        }
      }
      ClusterView.Master leader = byId.values().stream().filter(m -> m.role().equals("LEADER"))
          .findFirst().orElseThrow();
      ClusterView.Master shadow = byId.get(SHADOW);
      if (shadow.appliedIndex() == leader.appliedIndex() && shadow.lag() == 0) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the shadow did not catch up: " + byId.values());
      Thread.sleep(200);
    }

    for (String voter : VOTERS) {
      cluster.kill(voter);
    }

    GfsCommand.Result stale = cluster.gfs("--stale", "ls", "/shadowed");
    assertEquals(0, stale.exitCode(), stale.toString());
    assertEquals(FILES + 1, stale.stdout().lines().count(), stale.stdout());
    assertTrue(stale.elapsedMs() < 10_000, "--stale asks any master at once: " + stale.elapsedMs() + " ms");

    // No --stale: no leader answers, so the read falls back to the shadow.
    GfsCommand.Result stat = cluster.gfs("stat", "/shadowed/f7");
    assertEquals(0, stat.exitCode(), stat.toString());
    assertTrue(stat.stdout().startsWith("path:        /shadowed/f7\ntype:        file\n"), stat.stdout());
    GfsCommand.Result list = cluster.gfs("ls", "/shadowed");
    assertEquals(0, list.exitCode(), list.toString());
    assertEquals(FILES + 1, list.stdout().lines().count(), list.stdout());

    // Chunk locations come from the shadow too: the data is read straight from chunkservers.
    GfsCommand.Result cat = cluster.gfs("cat", "--stale", "/shadowed/data.txt");
    assertEquals(0, cat.exitCode(), cat.toString());
    assertEquals(new String(content, StandardCharsets.UTF_8), cat.stdout());

    Map<String, Struct> masters = adminMasters();
    assertEquals("LISTENER", role(masters.get(SHADOW)), masters.toString());
    for (String voter : VOTERS) {
      assertEquals("UNREACHABLE", role(masters.get(voter)), "named by the shadow: " + masters);
    }

    GfsCommand.Result mkdir = cluster.gfs("mkdir", "--timeout", "3000", "/not-on-a-shadow");
    assertEquals(1, mkdir.exitCode(), mkdir.toString());
    assertTrue(mkdir.stderr().startsWith("gfs: no master reachable"), mkdir.stderr());
  }
}
