package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.TestShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals and --stop of ./gfs local, on real directories and processes. Starting a
 * real cluster is tested end to end in it/.
 */
class LocalClusterTest {
  @TempDir Path home;

  private TestShell.Result run(String... args) {
    return new TestShell(home).run(args);
  }

  /** A cluster directory whose master-1 "server" is a live process with the right marker. */
  private Process fakeRunningServer(Path dir) throws Exception {
    LocalLayout layout = LocalLayout.plan(dir, ClusterShape.fromFlags(1, 0, 1, 1, 1L << 20),
        java.util.List.of(1, 2, 3, 4, 5));
    layout.writeNew(Map.of());
    Process process = new ProcessBuilder("tail", "-f",
        layout.masters().get(0).configFile().toString()).start();
    PidFiles.write(layout.masters().get(0).pidFile(), process.pid());
    return process;
  }

  @Test
  void stopWithNothingRunningSucceedsSayingSo() throws Exception {
    Path dir = Files.createDirectories(home.resolve("c"));
    Files.writeString(dir.resolve("master-1.pid"), "999999999\n");
    TestShell.Result result = run("local", "--stop", "--dir", dir.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("no local cluster running in "), result.out());
    assertFalse(Files.exists(dir.resolve("master-1.pid")), "stale pid file removed");
  }

  @Test
  void stopOfAMissingDirectorySucceeds() {
    TestShell.Result result = run("--json", "local", "--stop", "--dir",
        home.resolve("none").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("\"stopped\":[]"), result.out());
  }

  @Test
  void stopTerminatesTheServersOfItsPidFiles() throws Exception {
    Path dir = home.resolve("c");
    Process server = fakeRunningServer(dir);
    try {
      TestShell.Result result = run("local", "--stop", "--dir", dir.toString());
      assertEquals(0, result.exitCode(), result.err());
      assertTrue(server.waitFor(5, TimeUnit.SECONDS), "server stopped");
      assertTrue(result.out().startsWith("stopped 1 server in "), result.out());
      assertFalse(Files.exists(dir.resolve("master-1.pid")));
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void startRefusesWhileTheClusterRuns() throws Exception {
    Path dir = home.resolve("c");
    Process server = fakeRunningServer(dir);
    try {
      TestShell.Result result = run("local", "--dir", dir.toString());
      assertEquals(1, result.exitCode());
      assertTrue(result.err().contains("is already running (master-1 pid " + server.pid() + ")"),
          result.err());
      assertTrue(server.isAlive(), "the running cluster is left alone");
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void startRefusesFlagsThatContradictTheCluster() throws Exception {
    Path dir = home.resolve("c");
    LocalLayout.plan(dir, ClusterShape.fromFlags(1, 0, 1, 1, 1L << 20), java.util.List.of(1, 2, 3, 4, 5))
        .writeNew(Map.of());
    TestShell.Result result = run("local", "--dir", dir.toString(), "--masters", "3");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--masters 3 (it has 1)"), result.err());
  }

  @Test
  void startRefusesADirectoryHoldingSomethingElse() throws Exception {
    Path dir = Files.createDirectories(home.resolve("docs"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    TestShell.Result result = run("local", "--dir", dir.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("holds no local gfs cluster (found notes.txt)"), result.err());
    assertFalse(Files.exists(dir.resolve(".lock")), "nothing written into it");
  }

  @Test
  void aClusterMadeWithoutShadowsIsResumedWithout() throws Exception {
    Path dir = home.resolve("c");
    LocalLayout.plan(dir, ClusterShape.fromFlags(1, 0, 1, 1, 1L << 20), java.util.List.of(1, 2, 3, 4, 5))
        .writeNew(Map.of());
    Files.writeString(dir.resolve(ClusterShape.FILE), Files.readString(dir.resolve(ClusterShape.FILE))
        .replaceAll("(?m)^local.shadows=.*$", ""));
    assertEquals(0, ClusterShape.load(dir).orElseThrow().shadows(), "no key: made before shadows");
    TestShell.Result result = run("local", "--dir", dir.toString(), "--shadows", "1");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--shadows 1 (it has 0)"), result.err());
  }

  @Test
  void stopTakesNoShapeFlags() {
    TestShell.Result result = run("local", "--stop", "--masters", "3");
    assertEquals(2, result.exitCode());
  }
}
