package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./gfs shell` driven through a real terminal: a private tmux server (its own socket, no user
 * config) runs it in a 200x50 pane,
 * keys go in with send-keys and the screen comes back with capture-pane, polled until it shows
 * what a user would wait for. Completion of a remote path, history recall, cd changing the
 * prompt, a failing command not ending the session, Ctrl-C stopping tail -f, history surviving
 * into a second session; then the non-interactive forms (-c, a script on stdin) with their exit
 * codes. One cluster (3 chunkservers, 1 MB chunks) for all, the tests in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class InteractiveShellIT {
  static final String TMUX = "/usr/bin/tmux";
  /** Bound on waiting for the screen to show something (a JVM start on a busy machine). */
  static final long SCREEN_TIMEOUT_MS = 30_000;

  @TempDir static Path dir;
  static LocalCluster cluster;
  /** The private tmux server's socket, in the test's directory (removed with it). */
  static Path tmuxSocket;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(Files.isExecutable(Path.of(TMUX)), TMUX + " is needed (apt-get install tmux)");
    cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB");
    tmuxSocket = dir.resolve("tmux.sock");
    try (GfsClient client = cluster.client()) {
      client.mkdir("/data/reports", true);
      client.create("/data/reports/2024-summary.csv", 0, true);
      try (OutputStream out = client.openOutputStream("/data/reports/2024-summary.csv")) {
        out.write("region,total\nnorth,12\n".getBytes(StandardCharsets.UTF_8));
      }
      client.create("/data/events.log", 0, true);
      client.recordAppend("/data/events.log", "started\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (tmuxSocket != null && Files.exists(tmuxSocket)) {
      tmux("kill-server");  // ends every session and the shells in them
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Runs a tmux command on the private server; returns its stdout. */
  private static String tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TMUX, "-S", tmuxSocket.toString(), "-f",
        "/dev/null"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tmux " + String.join(" ", args) + " did not finish");
    }
    return output;
  }

  /**
   * Starts `./gfs shell` in a new tmux session under sh, which prints its exit status when it
   * ends ("[shell exited N]") and then waits. sh traps SIGINT, so that a Ctrl-C meant for the
   * shell's command (sent to the whole foreground group) does not end sh too.
   */
  private static void startShell(String session) throws Exception {
    List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", "200",
        "-y", "50", "-c", GfsCommand.root().toString()));
    for (Map.Entry<String, String> e : cluster.env().entrySet()) {
      args.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
    }
    args.addAll(List.of("sh", "-c",
        "trap : INT; ./gfs shell; echo \"[shell exited $?]\"; sleep 600"));
    tmux(args.toArray(String[]::new));
  }

  /** Waits for the shell in session to end; returns its exit status. */
  private static int awaitExit(String session) throws Exception {
    String shown = await(session, "the shell's exit status",
        screen -> screen.contains("[shell exited "));
    String tail = shown.substring(shown.indexOf("[shell exited ") + "[shell exited ".length());
    return Integer.parseInt(tail.substring(0, tail.indexOf(']')));
  }

  private static void keys(String session, String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** Types text literally (no key names), without Enter. */
  private static void type(String session, String text) throws Exception {
    tmux("send-keys", "-t", session, "-l", text);
  }

  private static String screen(String session) throws Exception {
    return tmux("capture-pane", "-p", "-t", session);
  }

  /** Polls the screen until it satisfies what is awaited; fails with the screen after the bound. */
  private static String await(String session, String what, Predicate<String> condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SCREEN_TIMEOUT_MS);
    String shown;
    do {
      shown = screen(session);
      if (condition.test(shown)) {
        return shown;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the screen never showed " + what + "; it shows:\n" + shown);
  }

  /** The last non-blank line on the screen: where the cursor's prompt is. */
  private static String lastLine(String screen) {
    String[] lines = screen.stripTrailing().split("\n");
    return lines[lines.length - 1];
  }

  private static String awaitLastLine(String session, String expected) throws Exception {
    return await(session, "a last line '" + expected + "'", s -> lastLine(s).equals(expected));
  }

  @Test
  @Order(1)
  void completionCdErrorsAndHistoryOnARealTerminal() throws Exception {
    String s = "first";
    startShell(s);
    awaitLastLine(s, "gfs:cluster:/>");

    type(s, "ls /data/rep");                                 // a remote directory completes
    keys(s, "Tab");
    awaitLastLine(s, "gfs:cluster:/> ls /data/reports/");
    type(s, "20");                                           // and a file in it
    keys(s, "Tab");
    awaitLastLine(s, "gfs:cluster:/> ls /data/reports/2024-summary.csv");
    keys(s, "Enter");
    await(s, "the listing and a new prompt", screen -> screen.contains(
        "ls /data/reports/2024-summary.csv\n2024-summary.csv\ngfs:cluster:/>"));

    type(s, "cd /data");
    keys(s, "Enter");
    awaitLastLine(s, "gfs:cluster:/data>");                  // cd changes the prompt
    type(s, "cat rep");                                      // relative to the new directory
    keys(s, "Tab");
    awaitLastLine(s, "gfs:cluster:/data> cat reports/");

    keys(s, "C-u");
    type(s, "stat nope");
    keys(s, "Enter");
    String failed = await(s, "the error and a new prompt",
        screen -> screen.contains("gfs: /data/nope does not exist\ngfs:cluster:/data>"));
    assertFalse(failed.contains("[shell exited"), "a failing command does not end the session");
    type(s, "pwd");
    keys(s, "Enter");
    await(s, "pwd's answer", screen -> screen.contains("pwd\n/data\ngfs:cluster:/data>"));

    keys(s, "Up");                                           // history: the last command again
    awaitLastLine(s, "gfs:cluster:/data> pwd");
    keys(s, "Up");
    awaitLastLine(s, "gfs:cluster:/data> stat nope");
    keys(s, "C-u");

    type(s, "tail -f --interval 200 events.log");            // Ctrl-C stops it, the shell stays
    keys(s, "Enter");
    await(s, "tail's output", screen -> screen.contains("events.log\nstarted\n"));
    keys(s, "C-c");
    awaitLastLine(s, "gfs:cluster:/data>");

    type(s, "exit 3");
    keys(s, "Enter");
    assertEquals(3, awaitExit(s));
  }

  @Test
  @Order(2)
  void historySurvivesIntoTheNextSession() throws Exception {
    assertTrue(Files.readString(Path.of(cluster.env().get("GFS_HOME")).resolve("history"))
        .contains("cd /data"), "history file under $GFS_HOME");
    String s = "second";
    startShell(s);
    awaitLastLine(s, "gfs:cluster:/>");
    keys(s, "Up");
    awaitLastLine(s, "gfs:cluster:/> exit 3");
    keys(s, "Up");
    awaitLastLine(s, "gfs:cluster:/> tail -f --interval 200 events.log");
    keys(s, "C-u", "C-d");                                   // Ctrl-D on an empty line ends it
    assertEquals(0, awaitExit(s));
  }

  @Test
  @Order(3)
  void dashCAndScriptsRunInOrderAndStopAtTheFirstFailureWithItsExitCode() throws Exception {
    GfsCommand.Result ok = cluster.gfs("shell", "-c", "cd /data; ls; cat reports/2024-summary.csv");
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals("events.log\nreports/\nregion,total\nnorth,12\n", ok.stdout());

    GfsCommand.Result failed = cluster.gfs("shell", "-c", "cd /data; stat nope; pwd");
    assertEquals(1, failed.exitCode(), failed.toString());
    assertEquals("", failed.stdout(), "nothing runs after the failure");
    assertEquals("gfs: /data/nope does not exist\n"
        + "gfs shell: stopped: 'stat nope' failed (exit 1)\n", failed.stderr());

    GfsCommand.Result keepGoing = cluster.gfs("shell", "-k", "-c", "cd /data; stat nope; pwd");
    assertEquals(1, keepGoing.exitCode(), keepGoing.toString());
    assertEquals("/data\n", keepGoing.stdout());

    byte[] script = ("# a script\ncd /data\nls reports\nmkdir -p made/here\n"
        + "ls --bogus\nls made\n").getBytes(StandardCharsets.UTF_8);
    GfsCommand.Result usage = cluster.gfsWithInput(script, "shell");
    assertEquals(2, usage.exitCode(), usage.toString());
    assertEquals("2024-summary.csv\n", usage.stdout());
    assertTrue(usage.stderr().endsWith("gfs shell: stopped at line 5: 'ls --bogus' failed (exit 2)\n"),
        usage.stderr());
    GfsCommand.Result exit = cluster.gfsWithInput("ls /data/made\nexit 4\nls /\n"
        .getBytes(StandardCharsets.UTF_8), "shell");
    assertEquals(4, exit.exitCode(), exit.toString());
    assertEquals("here/\n", exit.stdout());

    GfsCommand.Result piped = cluster.gfsWithInput("from stdin\n".getBytes(StandardCharsets.UTF_8),
        "shell", "-c", "put - /data/piped.txt; cat /data/piped.txt");
    assertEquals(0, piped.exitCode(), piped.toString());
    assertEquals("from stdin\n", piped.stdout(), "-c commands read the shell's stdin");
  }
}
