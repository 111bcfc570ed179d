package gfs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: exit codes and the one-line error for usage mistakes. */
class MainTest {
  @TempDir Path home;

  private TestShell.Result run(String... args) {
    return new TestShell(home).run(args);
  }

  private static void assertOneErrorLine(TestShell.Result result, String expectedPart) {
    String[] lines = result.err().split("\n");
    assertEquals(1, lines.length, "one line expected on stderr, got: " + result.err());
    assertTrue(lines[0].startsWith("gfs: "), lines[0]);
    assertTrue(lines[0].contains(expectedPart), lines[0]);
  }

  @Test
  void noCommandPrintsUsageAndIsAUsageError() {
    TestShell.Result result = run();
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("Usage: gfs"), result.err());
  }

  @Test
  void helpListsEveryCommand() {
    TestShell.Result result = run("--help");
    assertEquals(0, result.exitCode());
    for (String command : new String[] {"local", "master", "chunkserver", "ls", "mkdir", "put",
        "get", "cat", "head", "tail", "append", "rm", "mv", "cp", "stat", "du", "df", "checksum",
        "restore", "snapshot", "setrep", "cluster", "admin", "shell"}) {
      assertTrue(result.out().contains("\n  " + command + " "), command + " missing:\n" + result.out());
    }
  }

  @Test
  void adminHelpListsDecommissionAndRecommission() {
    TestShell.Result result = run("admin", "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().contains("\n  decommission "), result.out());
    assertTrue(result.out().contains("\n  recommission "), result.out());
  }

  @Test
  void badArgumentsOfTheGcAndReplicationCommandsAreOneLineUsageErrors() {
    TestShell.Result setrep = run("setrep", "0", "/f");
    assertEquals(2, setrep.exitCode());
    assertOneErrorLine(setrep, "replication must be at least 1");
    TestShell.Result restore = run("restore", "");
    assertEquals(2, restore.exitCode());
    assertOneErrorLine(restore, "empty gfs path");
    TestShell.Result snapshot = run("snapshot", "/a");
    assertEquals(2, snapshot.exitCode());
    assertOneErrorLine(snapshot, "DST");
    TestShell.Result decommission = run("admin", "decommission");
    assertEquals(2, decommission.exitCode());
    assertOneErrorLine(decommission, "CS");
  }

  @Test
  void badAmountsOfTheFileCommandsAreUsageErrorsBeforeLookingForACluster() {
    TestShell.Result both = run("head", "-c", "1", "-n", "1", "/f");
    assertEquals(2, both.exitCode());
    assertOneErrorLine(both, "give -c BYTES or -n LINES, not both");
    TestShell.Result interval = run("tail", "-f", "--interval", "5", "/f");
    assertEquals(2, interval.exitCode());
    assertOneErrorLine(interval, "--interval must be 100 to 60000 ms, not 5");
    TestShell.Result zero = run("tail", "-c", "0", "/f");
    assertEquals(2, zero.exitCode());
    assertOneErrorLine(zero, "Invalid value for option '-c': size '0' must be positive");
    TestShell.Result checksum = run("checksum");
    assertEquals(2, checksum.exitCode());
    assertOneErrorLine(checksum, "REMOTE");
    TestShell.Result du = run("du", "--help");
    assertEquals(0, du.exitCode(), "-h is human-readable sizes, --help is help");
    assertTrue(du.out().contains("-h, --human-readable"), du.out());
  }

  @Test
  void unknownOptionIsOneLineUsageError() {
    TestShell.Result result = run("ls", "--bogus", "/");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "'--bogus'");
    assertTrue(result.err().contains("gfs ls --help"), result.err());
  }

  @Test
  void missingArgumentIsUsageError() {
    TestShell.Result result = run("mv", "/a");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "DST");
  }

  @Test
  void emptyPathIsRefusedBeforeLookingForACluster() {
    TestShell.Result result = run("ls", "");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "empty gfs path");
  }

  @Test
  void withoutAnyClusterTheMessageSaysHowToGiveOne() {
    TestShell.Result result = run("ls", "/");
    assertEquals(2, result.exitCode());
    assertEquals("gfs: " + ClusterDiscovery.NO_CLUSTER + "\n", result.err());
  }

  @Test
  void jsonErrorsAlsoGoToStdout() {
    TestShell.Result result = run("--json", "ls", "/");
    assertEquals(2, result.exitCode());
    assertEquals("{\"error\":{\"kind\":\"USAGE\",\"message\":\"" + ClusterDiscovery.NO_CLUSTER
        + "\"}}\n", result.out());
  }

  @Test
  void malformedMastersIsUsageError() {
    TestShell.Result result = run("--masters", "nohost", "ls", "/");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "'nohost' is not host:port");
  }

  @Test
  void nonPositiveTimeoutIsUsageError() {
    TestShell.Result result = run("ls", "--masters", "127.0.0.1:1", "--timeout", "0", "/");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "--timeout");
  }

  @Test
  void removingTheRootIsRefused() {
    TestShell.Result result = run("rm", "-r", "/");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "refusing to delete /");
  }

  @Test
  void putFromStdinNeedsAFileName() {
    TestShell.Result result = run("put", "-", "/dir/");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "needs a file name");
  }

  @Test
  void serverWithMissingConfigFailsNamingTheFile() {
    TestShell.Result result = run("master", "--config", home.resolve("nope.properties").toString());
    assertEquals(1, result.exitCode());
    assertOneErrorLine(result, "nope.properties: no such file or directory");
  }

  @Test
  void serverWithoutConfigOptionIsUsageError() {
    TestShell.Result result = run("chunkserver");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "--config");
  }

  @Test
  void adminListsItsCommandsAndAloneIsAUsageError() {
    TestShell.Result help = run("admin", "--help");
    assertEquals(0, help.exitCode());
    for (String command : new String[] {"masters", "transfer-leader", "add-master",
        "remove-master", "checkpoint"}) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " missing:\n" + help.out());
    }
    TestShell.Result bare = run("admin");
    assertEquals(2, bare.exitCode());
    assertTrue(bare.err().contains("Usage: gfs admin"), bare.err());
  }

  @Test
  void addMasterChecksAddressesBeforeLookingForACluster() {
    TestShell.Result result = run("admin", "add-master", "master-4", "127.0.0.1:7204", "nohost",
        "--shadow");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "'nohost' is not host:port");
  }

  @Test
  void staleIsForReadCommandsOnly() {
    TestShell.Result result = run("--stale", "mkdir", "--masters", "127.0.0.1:1", "/d");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "--stale applies to the read commands");
    TestShell.Result after = run("rm", "--stale", "/d");
    assertEquals(2, after.exitCode(), "rm has no --stale option: " + after.err());
  }

  @Test
  void badChunkSizeIsUsageError() {
    TestShell.Result result = run("local", "--dir", home.resolve("c").toString(),
        "--chunk-size", "lots");
    assertEquals(2, result.exitCode());
    assertOneErrorLine(result, "'lots'");
  }
}
