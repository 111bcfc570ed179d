package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.shell.ClientOptions;
import gfs.shell.Main;
import gfs.shell.Session;
import gfs.shell.TestShell;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Global options parse before or after the command name, and the later ones win. */
class ClientCommandOptionsTest {
  @TempDir Path home;

  private CommandLine.ParseResult parse(String... args) {
    return Main.commandLine(new TestShell(home).context(new ByteArrayOutputStream(),
        new ByteArrayOutputStream())).parseArgs(args);
  }

  private <T> T command(CommandLine.ParseResult result, Class<T> type) {
    return type.cast(result.subcommand().commandSpec().userObject());
  }

  @Test
  void optionsBeforeTheCommandApply() throws Exception {
    LsCommand ls = command(parse("--json", "--masters", "127.0.0.1:7100", "--timeout", "700",
        "ls", "-l", "/a"), LsCommand.class);
    ClientConfig config = ls.clientConfig();
    assertEquals(List.of("127.0.0.1:7100"), config.masters());
    assertEquals(700, config.operationTimeoutMs());
    assertTrue(ls.json());
    assertTrue(ls.longFormat);
    assertEquals("/a", ls.path);
  }

  @Test
  void optionsAfterTheCommandWin() throws Exception {
    StatCommand stat = command(parse("--masters", "127.0.0.1:1", "stat", "--masters",
        "127.0.0.1:2", "--debug", "/f"), StatCommand.class);
    assertEquals(List.of("127.0.0.1:2"), stat.clientConfig().masters());
    assertTrue(stat.debug());
    assertFalse(stat.json());
  }

  @Test
  void staleBeforeOrAfterAReadCommandAllowsStaleReads() throws Exception {
    assertTrue(command(parse("--stale", "--masters", "127.0.0.1:1", "ls", "/"), LsCommand.class)
        .clientConfig().staleReads());
    assertTrue(command(parse("--masters", "127.0.0.1:1", "cat", "--stale", "/f"), CatCommand.class)
        .clientConfig().staleReads());
    assertTrue(command(parse("--masters", "127.0.0.1:1", "get", "--stale", "/f", "-"), GetCommand.class)
        .clientConfig().staleReads());
    assertFalse(command(parse("--masters", "127.0.0.1:1", "stat", "/f"), StatCommand.class)
        .clientConfig().staleReads());
  }

  @Test
  void adminCommandsTakeGlobalOptionsFromBeforeTheGroup() throws Exception {
    CommandLine.ParseResult result = parse("--json", "--masters", "127.0.0.1:9", "admin",
        "add-master", "shadow-2", "127.0.0.1:7205", "127.0.0.1:7105", "--shadow");
    AdminAddMasterCommand add = (AdminAddMasterCommand) result.subcommand().subcommand()
        .commandSpec().userObject();
    assertEquals(List.of("127.0.0.1:9"), add.clientConfig().masters());
    assertTrue(add.json());
    assertTrue(add.shadow);
    assertEquals("shadow-2", add.id);
    assertEquals("127.0.0.1:7205", add.raftAddress);
    assertEquals("127.0.0.1:7105", add.serviceAddress);
  }

  @Test
  void lsDefaultsToTheCurrentDirectoryWhichIsTheRootOutsideTheShell() throws Exception {
    LsCommand ls = command(parse("ls"), LsCommand.class);
    ls.validate();
    assertEquals("/", ls.path);
    assertFalse(ls.longFormat);
  }

  @Test
  void relativePathsAreTakenFromTheSessionsDirectory() throws Exception {
    LsCommand oneShot = command(parse("ls", "data"), LsCommand.class);
    oneShot.validate();
    assertEquals("/data", oneShot.path);

    Session shell = Session.shell(new ClientOptions(), false, false);
    shell.changeDirectory("/home");
    CommandLine inShell = Main.commandLine(new TestShell(home).context(new ByteArrayOutputStream(),
        new ByteArrayOutputStream()), shell);
    LsCommand ls = command(inShell.parseArgs("ls"), LsCommand.class);
    ls.validate();
    assertEquals("/home", ls.path);
    MvCommand mv = command(Main.commandLine(new TestShell(home).context(new ByteArrayOutputStream(),
        new ByteArrayOutputStream()), shell).parseArgs("mv", "a/../b", "/c/./d/"), MvCommand.class);
    mv.validate();
    assertEquals("/home/b", mv.source);
    assertEquals("/c/d", mv.destination);
  }

  @Test
  void optionsGivenToTheShellApplyToItsCommandsUnlessTheyGiveTheirOwn() throws Exception {
    Session shell = Session.shell(ClientOptions.of(null, "127.0.0.1:5", 900L), true, false);
    CommandLine.ParseResult result = Main.commandLine(new TestShell(home).context(
        new ByteArrayOutputStream(), new ByteArrayOutputStream()), shell)
        .parseArgs("stat", "--timeout", "400", "/f");
    StatCommand stat = command(result, StatCommand.class);
    assertEquals(List.of("127.0.0.1:5"), stat.clientConfig().masters());
    assertEquals(400, stat.clientConfig().operationTimeoutMs());
    assertTrue(stat.json());
  }

  @Test
  void putAndAppendFlags() {
    PutCommand put = command(parse("put", "-f", "-", "/x"), PutCommand.class);
    assertTrue(put.force);
    assertEquals("-", put.local);
    assertEquals("/x", put.remote);
    AppendCommand append = command(parse("append", "--verbose", "/log"), AppendCommand.class);
    assertTrue(append.verbose);
    assertEquals("/log", append.path);
  }

  @Test
  void localTellsGivenShapeFlagsFromDefaults() {
    LocalCommand local = command(parse("local", "--masters", "1", "--chunk-size", "1MB"),
        LocalCommand.class);
    assertEquals(1, local.masters);
    assertEquals(1L << 20, local.chunkSizeBytes);
    assertEquals(null, local.chunkservers);
    assertEquals(null, local.shadows);
    assertEquals(Path.of("local-cluster"), local.dir);
  }
}
