package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import gfs.client.GfsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * The `gfs admin` status and switch commands as an operator runs them, through ./gfs against one
 * cluster of real processes (three masters and a shadow, three chunkservers on two racks): report,
 * chunkservers, topology, safe mode (it refuses a mkdir with a message saying how to leave it),
 * the balancer switch, gc and replication status, decommission status, and fsck, HEALTHY on fresh
 * files and, once a chunkserver is SIGKILLed, naming the under-replicated and the missing file.
 * Text and --json, exit codes, bad input. The tests run in order; the one that kills runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AdminCommandsIT {
  static final List<String> CHUNKSERVERS = List.of("chunkserver-1", "chunkserver-2", "chunkserver-3");

  LocalCluster cluster;
  Path dir;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB", Map.of(
        "chunkserver.dead.after.ms", "3000", "replication.scan.interval.ms", "500",
        "gc.scan.interval.ms", "1000"));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private GfsCommand.Result ok(String... args) throws Exception {
    GfsCommand.Result result = cluster.gfs(args);
    assertEquals(0, result.exitCode(), "./gfs " + String.join(" ", args) + ": " + result);
    assertEquals("", result.stderr(), "./gfs " + String.join(" ", args));
    return result;
  }

  private Struct json(String... args) throws Exception {
    return parse(ok(args).stdout());
  }

  private static Struct parse(String text) throws Exception {
    Struct.Builder json = Struct.newBuilder();
    JsonFormat.parser().merge(text, json);
    return json.build();
  }

  private static Value field(Struct struct, String name) {
    return struct.getFieldsOrThrow(name);
  }

  private static List<Value> list(Struct struct, String name) {
    return field(struct, name).getListValue().getValuesList();
  }

  private static void assertFailsWith(GfsCommand.Result result, int exitCode, String stderr) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertEquals(stderr, result.stderr());
  }

  private static List<String> lines(GfsCommand.Result result) {
    return Arrays.asList(result.stdout().split("\n"));
  }

  @Test
  @Order(1)
  void reportChunkserversAndTopologyShowTheThreeChunkserversByRack() throws Exception {
    GfsCommand.Result report = ok("admin", "report");
    assertTrue(report.stdout().contains("\nchunkservers:   3 (live 3, dead 0, decommissioning 0,"
        + " decommissioned 0)\n"), report.stdout());
    assertTrue(report.stdout().contains("\nsafe mode:      OFF\n"), report.stdout());
    assertTrue(report.stdout().matches("(?s).*\ncapacity: +[0-9]+\n.*"), "bytes by default: " + report.stdout());
    List<String> reportLines = lines(report);
    int header = reportLines.indexOf(reportLines.stream().filter(l -> l.startsWith("RACK ")).findFirst().orElseThrow());
    assertTrue(reportLines.get(header).matches("RACK +LIVE +DEAD +DECOMMISSIONING +DECOMMISSIONED +CAPACITY +USED"
        + " +REMAINING +USED% +REPLICAS"), reportLines.get(header));
    assertTrue(reportLines.get(header + 1).matches("rack-1 +2 +0 +0 +0 .*"), report.stdout());
    assertTrue(reportLines.get(header + 2).matches("rack-2 +1 +0 +0 +0 .*"), report.stdout());
    assertTrue(ok("admin", "report", "-h").stdout().matches("(?s).*\ncapacity: +[0-9.]+ [KMGT]iB\n.*"));
    Struct reportJson = json("admin", "report", "--json");
    assertEquals(3, field(reportJson, "live").getNumberValue());
    assertTrue(field(reportJson, "capacity_bytes").getNumberValue() > 0);
    assertEquals(2, list(reportJson, "racks").size());

    GfsCommand.Result table = ok("admin", "chunkservers");
    List<String> rows = lines(table);
    assertTrue(rows.get(0).matches("ID +ADDRESS +RACK +STATE +CAPACITY +USED +REMAINING +USED% +CHUNKS +HEARTBEAT"),
        rows.get(0));
    assertEquals(4, rows.size(), table.stdout());
    for (int i = 0; i < 3; i++) {
      assertTrue(rows.get(i + 1).matches(CHUNKSERVERS.get(i) + " +127\\.0\\.0\\.1:[0-9]+ +rack-[12] +LIVE .* ago"),
          rows.get(i + 1));
    }
    Struct one = json("admin", "chunkservers", "chunkserver-2", "--json");
    assertEquals(1, list(one, "chunkservers").size());
    Struct cs2 = list(one, "chunkservers").get(0).getStructValue();
    assertEquals("chunkserver-2", field(cs2, "id").getStringValue());
    assertEquals("rack-2", field(cs2, "rack").getStringValue());
    assertFailsWith(cluster.gfs("admin", "chunkservers", "chunkserver-9"), 1,
        "gfs: no chunkserver chunkserver-9 is known to the masters (known: chunkserver-1, chunkserver-2,"
            + " chunkserver-3)\n");

    GfsCommand.Result topology = ok("admin", "topology");
    List<String> tree = lines(topology);
    assertEquals("rack rack-1 (1 host, 2 chunkservers)", tree.get(0), topology.stdout());
    assertEquals("  host 127.0.0.1", tree.get(1));
    assertTrue(tree.get(2).matches("    chunkserver-1  127\\.0\\.0\\.1:[0-9]+  LIVE  [0-9]+ chunks"), tree.get(2));
    assertTrue(tree.get(3).startsWith("    chunkserver-3  "), tree.get(3));
    assertEquals("rack rack-2 (1 host, 1 chunkserver)", tree.get(4));
    Struct topologyJson = json("admin", "topology", "--json");
    Struct rack2 = list(topologyJson, "racks").get(1).getStructValue();
    assertEquals("rack-2", field(rack2, "rack").getStringValue());
    Struct host = list(rack2, "hosts").get(0).getStructValue();
    assertEquals("chunkserver-2", field(list(host, "chunkservers").get(0).getStructValue(), "id").getStringValue());
  }

  @Test
  @Order(2)
  void safeModeRefusesMkdirWithAMessageSayingHowToLeaveItUntilLeft() throws Exception {
    assertEquals("safe mode is OFF\n", ok("admin", "safemode", "get").stdout());
    GfsCommand.Result entered = ok("admin", "safemode", "enter");
    assertTrue(entered.stdout().startsWith("safe mode is ON (since "), entered.stdout());
    Struct got = json("admin", "safemode", "get", "--json");
    assertTrue(field(got, "safe_mode").getBoolValue());
    assertTrue(field(got, "changed_at_ms").getNumberValue() > 0);

    assertFailsWith(cluster.gfs("mkdir", "/refused"), 1, "gfs: cannot mkdir /refused: the master is in safe"
        + " mode (reads only); an administrator leaves it with 'gfs admin safemode leave'\n");
    assertTrue(ok("admin", "replication", "status").stdout().startsWith("re-replication: PAUSED (safe mode)\n"));
    assertTrue(field(json("admin", "gc", "status", "--json"), "paused").getBoolValue());

    GfsCommand.Result frob = cluster.gfs("admin", "safemode", "frob");
    assertFailsWith(frob, 2, "gfs: unknown action 'frob' for 'gfs admin safemode': use get, enter or leave\n");

    assertTrue(ok("admin", "safemode", "leave").stdout().startsWith("safe mode is OFF (since "));
    ok("mkdir", "/refused");
  }

  @Test
  @Order(3)
  void balancerStopThenStatusShowsItOffAndStartTurnsItBackOn() throws Exception {
    GfsCommand.Result status = ok("admin", "balancer", "status");
    assertTrue(status.stdout().startsWith("balancer:        ON, never switched (on by default)\n"), status.stdout());
    assertTrue(status.stdout().contains("\nMOVES IN FLIGHT (0)\n"), status.stdout());
    assertTrue(lines(status).stream().anyMatch(l -> l.matches("chunkserver-2 +rack-2 +[0-9]+ +[0-9]+ +[-+][0-9.]+% +.*")),
        status.stdout());

    assertTrue(ok("admin", "balancer", "stop").stdout().startsWith("balancer:        OFF, switched at "));
    Struct stopped = json("admin", "balancer", "status", "--json");
    assertFalse(field(stopped, "enabled").getBoolValue());
    assertFalse(field(stopped, "active").getBoolValue());
    assertEquals(3, list(stopped, "servers").size());
    assertEquals(0.1, field(stopped, "threshold").getNumberValue());

    Struct started = json("admin", "balancer", "start", "--json");
    assertTrue(field(started, "enabled").getBoolValue() && field(started, "active").getBoolValue());
  }

  @Test
  @Order(4)
  void gcStatusCountsADeletedFileAwaitingCollection() throws Exception {
    Path local = dir.resolve("small.bin");
    Files.write(local, new byte[1000]);
    ok("put", local.toString(), "/gc/deleted.bin");
    ok("rm", "/gc/deleted.bin");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Struct gc;
    while (true) {
      gc = json("admin", "gc", "status", "--json");
      if (field(gc, "trash_entries").getNumberValue() == 1) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the gc scan never counted the deleted file: " + gc);
      Thread.sleep(500);
    }
    assertFalse(field(gc, "paused").getBoolValue());
    assertEquals(259_200_000, field(gc, "retention_ms").getNumberValue());
    assertTrue(field(gc, "next_expiry_at_ms").getNumberValue() > System.currentTimeMillis(), gc.toString());
    GfsCommand.Result text = ok("admin", "gc", "status");
    assertTrue(text.stdout().startsWith("garbage collection: running\nretention:          259200000 ms (3d00h)\n"),
        text.stdout());
    assertTrue(text.stdout().contains("\ntrash:              1 deleted entries awaiting collection, the oldest"
        + " passes retention at "), text.stdout());
    assertTrue(text.stdout().contains("\nreclaimed:          0 replicas, 0 bytes since"), text.stdout());

    // Deleting it again reclaims it at once: its three replicas are orphans, deleted and counted.
    ok("rm", "/gc/deleted.bin");
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      gc = json("admin", "gc", "status", "--json");
      if (field(gc, "deleted_replicas").getNumberValue() == 3) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the orphaned replicas were never reported deleted: " + gc);
      Thread.sleep(500);
    }
    assertEquals(3000, field(gc, "reclaimed_bytes").getNumberValue());
    assertEquals(0, field(gc, "trash_entries").getNumberValue());
  }

  @Test
  @Order(5)
  void decommissionStatusShowsADrainingChunkserverUntilRecommissioned() throws Exception {
    assertEquals("no chunkserver is being decommissioned\n", ok("admin", "decommission-status").stdout());
    ok("admin", "decommission", "chunkserver-3");
    GfsCommand.Result draining = ok("admin", "decommission-status");
    List<String> rows = lines(draining);
    assertTrue(rows.get(0).matches("ID +ADDRESS +STATE +CHUNKS +TO DRAIN +SAFE TO REMOVE"), rows.get(0));
    assertTrue(rows.get(1).matches("chunkserver-3 +127\\.0\\.0\\.1:[0-9]+ +DECOMMISSION(ING|ED) +[0-9]+ +[0-9]+ +(no|yes)"),
        draining.stdout());
    Struct one = list(json("admin", "decommission-status", "chunkserver-3", "--json"), "chunkservers").get(0)
        .getStructValue();
    assertTrue(field(one, "state").getStringValue().startsWith("DECOMMISSION"), one.toString());
    assertFailsWith(cluster.gfs("admin", "decommission-status", "chunkserver-9"), 1,
        "gfs: no chunkserver chunkserver-9 is known to the masters (known: chunkserver-1, chunkserver-2,"
            + " chunkserver-3)\n");
    ok("admin", "recommission", "chunkserver-3");
    assertEquals(0, list(json("admin", "decommission-status", "--json"), "chunkservers").size());
  }

  @Test
  @Order(6)
  void fsckIsHealthyOnFreshFilesAndNamesTheUnderReplicatedAndMissingOnesOnceAChunkserverIsKilled()
      throws Exception {
    byte[] content = new byte[(1 << 20) + 300_000];
    new Random(7).nextBytes(content);
    Path local = dir.resolve("three.bin");
    Files.write(local, content);
    ok("put", local.toString(), "/fsck/three");
    try (GfsClient client = cluster.client()) {
      client.create("/fsck/one", 1, true);
      client.write("/fsck/one", 0, content, 0, 1000);
    }

    GfsCommand.Result healthy = ok("admin", "fsck");
    assertTrue(healthy.stdout().startsWith("Status: HEALTHY\n path:                      /\n"), healthy.stdout());
    assertTrue(healthy.stdout().endsWith("The filesystem under path '/' is HEALTHY\n"), healthy.stdout());
    GfsCommand.Result files = ok("admin", "fsck", "/fsck", "-files");
    assertTrue(files.stdout().startsWith("/fsck/one  1000 bytes, replication 1, 1 chunk: HEALTHY\n"
        + "/fsck/three  " + content.length + " bytes, replication 3, 2 chunks: HEALTHY\n"), files.stdout());
    assertFailsWith(cluster.gfs("admin", "fsck", "/nope"), 1, "gfs: fsck: /nope does not exist\n");

    Struct located = json("admin", "fsck", "/fsck/one", "-locations", "--json");
    Struct chunk = list(list(located, "files").get(0).getStructValue(), "chunks").get(0).getStructValue();
    List<Value> replicas = list(chunk, "replicas");
    assertEquals(1, replicas.size(), chunk.toString());
    String holder = field(replicas.get(0).getStructValue(), "chunkserver").getStringValue();
    assertEquals("GOOD", field(replicas.get(0).getStructValue(), "state").getStringValue());

    cluster.kill(holder);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      GfsCommand.Result result = cluster.gfs("admin", "fsck", "/fsck", "--json");
      Struct report = parse(result.stdout());
      if (field(report, "status").getStringValue().equals("CORRUPT")) {
        assertEquals(1, result.exitCode(), "missing chunks: exit 1");
        break;
      }
      assertTrue(System.nanoTime() < deadline, holder + " was never found dead: " + result);
      Thread.sleep(500);
    }

    GfsCommand.Result corrupt = cluster.gfs("admin", "fsck", "/fsck");
    assertEquals(1, corrupt.exitCode(), corrupt.toString());
    assertEquals("", corrupt.stderr(), "the verdict is the output, not an error");
    List<String> out = lines(corrupt);
    assertEquals("/fsck/one  1000 bytes, replication 1, 1 chunk: MISSING", out.get(0), corrupt.stdout());
    assertTrue(out.get(2).matches(" +0 +0x[0-9a-f]+ +[0-9]+ +1000 +0 +1 +MISSING +1 on dead chunkservers"), out.get(2));
    assertEquals("/fsck/three  " + content.length + " bytes, replication 3, 2 chunks: UNDER_REPLICATED", out.get(3));
    assertTrue(out.get(5).matches(" +0 +0x[0-9a-f]+ +[0-9]+ +1048576 +2 +3 +UNDER_REPLICATED +1 on dead chunkservers"),
        out.get(5));
    assertTrue(corrupt.stdout().contains("\nStatus: CORRUPT\n"), corrupt.stdout());
    assertTrue(corrupt.stdout().contains("\n under-replicated chunks:   2\n"), corrupt.stdout());
    assertTrue(corrupt.stdout().contains("\n missing chunks:            1\n"), corrupt.stdout());
    assertTrue(corrupt.stdout().contains("\n chunkservers:              2 live, 1 dead\n"), corrupt.stdout());
    assertTrue(corrupt.stdout().endsWith("The filesystem under path '/fsck' is CORRUPT\n"), corrupt.stdout());

    // Under-replicated alone is being repaired: HEALTHY, exit 0, with the file named.
    GfsCommand.Result under = ok("admin", "fsck", "/fsck/three", "-locations");
    assertTrue(under.stdout().startsWith("/fsck/three  " + content.length
        + " bytes, replication 3, 2 chunks: UNDER_REPLICATED\n"), under.stdout());
    assertTrue(under.stdout().contains(holder + "/rack-"), "the dead replica is located: " + under.stdout());
    assertTrue(under.stdout().contains(" DEAD"), under.stdout());
    assertTrue(under.stdout().endsWith("is HEALTHY\n"), under.stdout());

    // The two chunks of /fsck/three wait in the re-replication queue (no fourth server to copy to).
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Struct replication;
    while (true) {
      replication = json("admin", "replication", "status", "--json");
      if (field(replication, "missing_chunks").getNumberValue() == 1
          && field(replication, "queued_chunks").getNumberValue() == 2) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the queue never showed the chunks: " + replication);
      Thread.sleep(500);
    }
    Struct level = list(replication, "levels").get(0).getStructValue();
    assertEquals(1, field(level, "priority").getNumberValue());
    assertEquals(1, field(level, "missing_replicas").getNumberValue());
    assertEquals(2, field(level, "chunks").getNumberValue());
    Struct queued = list(replication, "queue").get(0).getStructValue();
    assertEquals(2, field(queued, "live_replicas").getNumberValue());
    assertEquals(3, field(queued, "goal").getNumberValue());
    GfsCommand.Result replicationText = ok("admin", "replication", "status");
    assertTrue(replicationText.stdout().contains("\nPRIORITY  CHUNKS  WHY\n       1       2  1 replica missing\n"),
        replicationText.stdout());

    assertTrue(lines(ok("admin", "chunkservers")).stream()
        .anyMatch(l -> l.startsWith(holder + " ") && l.contains(" DEAD ")), "the killed chunkserver is DEAD");
    assertEquals(1, field(json("admin", "report", "--json"), "dead").getNumberValue());
  }
}
