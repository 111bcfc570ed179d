package gfs.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.TestShell;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gfs shell -c` and `gfs shell < script` with the commands that need no cluster (the shell's
 * own, usage errors); the rest is in the end-to-end tests.
 */
class ScriptShellTest {
  @TempDir Path home;

  private TestShell.Result run(String stdin, String... args) {
    return new TestShell(home).stdin(stdin).run(args);
  }

  @Test
  void dashCRunsTheCommandsInOrderAndExitSetsTheCode() {
    TestShell.Result result = run("", "shell", "-c", "pwd; cd /; pwd; exit 4; pwd");
    assertEquals(4, result.exitCode(), result.toString());
    assertEquals("/\n/\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void theFirstFailureEndsTheRunWithItsCodeSayingWhere() {
    TestShell.Result result = run("", "shell", "-c", "pwd; nosuch /x; pwd");
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals("/\n", result.out());
    assertEquals("gfs: unknown command 'nosuch' (see 'help')\n"
        + "gfs shell: stopped: 'nosuch /x' failed (exit 2)\n", result.err());
  }

  @Test
  void keepGoingRunsEverythingAndEndsWithTheLastFailure() {
    TestShell.Result result = run("", "shell", "-k", "-c", "exit 300; pwd; pwd extra; pwd");
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals("/\n/\n", result.out());
    assertTrue(result.err().startsWith("gfs: exit code must be 0 to 255, not '300'\n"
        + "gfs: pwd takes no arguments\n"), result.err());
  }

  @Test
  void aScriptOnStdinRunsLineByLineAndNamesTheLineThatFailed() {
    TestShell.Result result = run("# setup\npwd\n\ncd \\\n  /\nhelp nosuch\npwd\n", "shell");
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals("/\n", result.out());
    assertEquals("gfs: no command 'nosuch' (see 'help')\n"
        + "gfs shell: stopped at line 6: 'help nosuch' failed (exit 2)\n", result.err());
    TestShell.Result ok = run("pwd\n", "shell");
    assertEquals(0, ok.exitCode(), ok.toString());
  }

  @Test
  void helpListsTheCommandsAndTheShellsOwnAndHelpCommandShowsItsOptions() {
    TestShell.Result help = run("", "shell", "-c", "help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.out().contains("\n  checksum "), help.out());
    assertTrue(help.out().contains("\n  cd [DIR] "), help.out());
    TestShell.Result tail = run("", "shell", "-c", "help tail; help admin masters");
    assertTrue(tail.out().contains("Usage: gfs tail") && tail.out().contains("-f"), tail.out());
    assertTrue(tail.out().contains("Usage: gfs admin masters"), tail.out());
  }

  @Test
  void quotingMistakesAndNestedShellsAreUsageErrors() {
    TestShell.Result quote = run("", "shell", "-c", "ls '/a");
    assertEquals(2, quote.exitCode(), quote.toString());
    assertTrue(quote.err().startsWith("gfs: unterminated ' quote in: ls '/a\n"), quote.err());
    TestShell.Result nested = run("", "shell", "-c", "shell -c pwd");
    assertEquals(2, nested.exitCode(), nested.toString());
    assertTrue(nested.err().startsWith("gfs: already in gfs shell\n"), nested.err());
  }
}
