package gfs.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.shell.Main;
import gfs.shell.TestShell;
import gfs.shell.interactive.WordContext.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What Tab completes, read against the real command specs of ./gfs. */
class WordContextTest {
  @TempDir Path home;

  private Kind kind(String current, String... before) {
    CommandLine root = Main.commandLine(new TestShell(home).context(new ByteArrayOutputStream(),
        new ByteArrayOutputStream()));
    return WordContext.of(root, List.of(before), current).kind();
  }

  @Test
  void theFirstWordIsACommandAndADashStartsAnOption() {
    assertEquals(Kind.COMMAND, kind("l"));
    assertEquals(Kind.OPTION, kind("-", "ls"));
    assertEquals(Kind.OPTION, kind("--h", "admin", "masters"));
  }

  @Test
  void positionalParametersNamedAsPathsAreRemoteOrLocal() {
    assertEquals(Kind.REMOTE, kind("/d", "ls"));
    assertEquals(Kind.REMOTE, kind("", "ls", "-l", "-R"));
    assertEquals(Kind.LOCAL, kind("/tmp/x", "put"));
    assertEquals(Kind.LOCAL, kind("", "put", "-f"));
    assertEquals(Kind.REMOTE, kind("", "put", "-f", "/tmp/x"));
    assertEquals(Kind.REMOTE, kind("", "get"));
    assertEquals(Kind.LOCAL, kind("", "get", "/a"));
    assertEquals(Kind.REMOTE, kind("", "setrep", "2"));
    assertEquals(Kind.NONE, kind("", "setrep"), "N is no path");
    assertEquals(Kind.REMOTE, kind("", "cat", "/a", "/b"), "cat takes any number");
    assertEquals(Kind.REMOTE_DIRECTORY, kind("da", "cd"));
  }

  @Test
  void anOptionsValueIsNotAPath() {
    assertEquals(Kind.NONE, kind("", "ls", "--timeout"));
    assertEquals(Kind.REMOTE, kind("", "ls", "--timeout", "500"));
    assertEquals(Kind.REMOTE, kind("", "tail", "-c", "1KB"));
  }

  @Test
  void commandsWithSubcommandsCompleteThemAndHelpCompletesCommands() {
    assertEquals(Kind.SUBCOMMAND, kind("m", "admin"));
    assertEquals(Kind.COMMAND, kind("", "help"));
    assertEquals(Kind.SUBCOMMAND, kind("", "help", "admin"));
    assertEquals(Kind.NONE, kind("", "nosuchcommand"));
  }
}
