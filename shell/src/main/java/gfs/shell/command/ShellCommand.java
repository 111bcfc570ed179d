package gfs.shell.command;

import gfs.shell.ClientOptions;
import gfs.shell.Session;
import gfs.shell.UsageException;
import gfs.shell.interactive.Shells;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"An interactive shell: every gfs command (ls, put, cluster, admin ...) as a line,"
        + " with history kept across sessions (Up/Down, Ctrl-R), Tab completion of commands,"
        + " options and remote paths, and the prompt gfs:CLUSTER:/dir>. Its own commands: cd, pwd,"
        + " help [COMMAND], exit [N], quit. Relative paths are taken from the current directory."
        + " A failing command prints its error and the session goes on; Ctrl-C stops a running"
        + " command; Ctrl-D, exit or quit end the shell.",
        "With -c, or when stdin is not a terminal (gfs shell < script), the commands (separated by"
            + " ';' or line ends; '#' starts a comment) run in order without a prompt. The first"
            + " failure ends the run with that command's exit code, and a line on stderr saying"
            + " where; with -k every command runs and the exit code is that of the last failure"
            + " (0 if none). Commands of a script from stdin read no stdin; with -c they read"
            + " the shell's.",
        "Options given to shell (--conf, --masters, --timeout, --json, --debug) apply to every"
            + " command in it. History: --history FILE, else $GFS_HISTORY, else $GFS_HOME/history"
            + " (~/.gfs/history)."})
public final class ShellCommand extends BaseCommand {
  @Mixin private ClientOptions clientOptions;

  @Option(names = "-c", paramLabel = "COMMANDS",
      description = "Run these commands (\"ls /; stat /f\") and exit, instead of reading lines.")
  String commands;

  @Option(names = {"-k", "--keep-going"},
      description = "With -c or a script: run every command even after one fails.")
  boolean keepGoing;

  @Option(names = "--history", paramLabel = "FILE",
      description = "History file (default: $GFS_HISTORY, else $GFS_HOME/history).")
  Path historyFile;

  @Override
  public Integer call() throws Exception {
    if (session().isShell()) {
      throw new UsageException("already in gfs shell");
    }
    ClientOptions defaults = clientOptions.orElse(main().clientOptions());
    try (Session session = Session.shell(defaults, json(), debug())) {
      if (commands != null) {
        return Shells.text(context(), session, commands, keepGoing);
      }
      if (context().terminals().stdin() && context().terminals().stdout()) {
        return Shells.interactive(context(), session, historyFile());
      }
      return Shells.script(context(), session, keepGoing);
    }
  }

  private Path historyFile() {
    if (historyFile != null) {
      return historyFile;
    }
    String fromEnv = context().env("GFS_HISTORY");
    return fromEnv != null ? Path.of(fromEnv) : context().gfsHome().resolve("history");
  }
}
