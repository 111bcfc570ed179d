package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.FsckReport;
import gfs.client.ReplicationStatus;
import gfs.shell.HumanSizeOption;
import gfs.shell.TestShell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `gfs admin` status commands' command lines and words, without a cluster. */
class AdminCommandsTest {
  @TempDir Path home;

  private TestShell.Result run(String... args) {
    return new TestShell(home).run(args);
  }

  private static void assertUsageError(TestShell.Result result, String expectedPart) {
    assertEquals(2, result.exitCode(), result.err());
    String[] lines = result.err().split("\n");
    assertEquals(1, lines.length, "one line expected on stderr, got: " + result.err());
    assertTrue(lines[0].startsWith("gfs: ") && lines[0].contains(expectedPart), lines[0]);
  }

  @Test
  void adminHelpListsTheStatusCommands() {
    TestShell.Result help = run("admin", "--help");
    assertEquals(0, help.exitCode());
    for (String command : List.of("report", "chunkservers", "topology", "fsck", "decommission-status",
        "balancer", "gc", "replication", "safemode", "masters", "checkpoint", "decommission")) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " missing:\n" + help.out());
    }
  }

  @Test
  void anUnknownActionIsAUsageErrorNamingTheActions() {
    assertUsageError(run("admin", "safemode", "frob"),
        "unknown action 'frob' for 'gfs admin safemode': use get, enter or leave");
    assertUsageError(run("admin", "balancer", "go"), "use start, stop or status");
    assertUsageError(run("admin", "gc", "run"), "use status");
    assertUsageError(run("admin", "replication", "fix"), "use status");
    assertUsageError(run("admin", "balancer"), "ACTION");
  }

  @Test
  void fsckChecksItsArgumentsBeforeLookingForACluster() {
    // A relative path is resolved against the session's directory (/ here), like other commands'.
    assertUsageError(run("admin", "fsck", "/", "--max-entries", "0"), "--max-entries must be within 1..10000");
    assertUsageError(run("admin", "replication", "status", "--max-entries", "20000"), "--max-entries");
  }

  @Test
  void sizeCommandsTakeMinusHForHumanSizesAndKeepLongHelp() {
    for (String command : List.of("report", "chunkservers", "fsck", "balancer", "gc")) {
      TestShell.Result help = run("admin", command, "--help");
      assertEquals(0, help.exitCode(), command);
      assertTrue(help.out().contains("-h, --human-readable"), command + ":\n" + help.out());
    }
  }

  @Test
  void theFsckDetailOptionsImplyEachOther() {
    AdminFsckCommand fsck = new AdminFsckCommand();
    assertEquals(FsckReport.Detail.PROBLEMS, fsck.detail());
    fsck.files = true;
    assertEquals(FsckReport.Detail.FILES, fsck.detail());
    fsck.locations = true;
    assertEquals(FsckReport.Detail.LOCATIONS, fsck.detail());
  }

  @Test
  void theFsckSummaryEndsWithTheVerdictLikeHdfs() {
    FsckReport report = new FsckReport("/d", false, new FsckReport.Summary(2, 1, 3 << 20, 4, 2, 1, 0, 1, 0, 0,
        0, 0, 7, 12), List.of(), false, 2, 1);
    List<String> lines = AdminFsckCommand.summary(report, new HumanSizeOption());
    assertEquals("Status: CORRUPT", lines.get(0));
    assertTrue(lines.contains(" total size:                3145728 bytes"), lines.toString());
    assertTrue(lines.contains(" average live replication:  1.75 (goal 3.00)"), lines.toString());
    assertTrue(lines.contains(" chunkservers:              2 live, 1 dead"), lines.toString());
    assertEquals("The filesystem under path '/d' is CORRUPT", lines.get(lines.size() - 1));
  }

  @Test
  void aQueueLevelSaysWhyItsChunksRankThere() {
    assertEquals("1 replica missing", AdminReplicationCommand.why(new ReplicationStatus.Level(2, false, 1, false, 3)));
    assertEquals("a client waits, 2 replicas missing, deleted files only",
        AdminReplicationCommand.why(new ReplicationStatus.Level(1, true, 2, true, 1)));
    assertEquals("1 surplus replica", AdminReplicationCommand.why(new ReplicationStatus.Level(3, false, -1, false, 5)));
  }
}
