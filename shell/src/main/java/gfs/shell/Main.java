package gfs.shell;

import gfs.shell.command.AdminCommand;
import gfs.shell.command.AppendCommand;
import gfs.shell.command.RestoreCommand;
import gfs.shell.command.SetrepCommand;
import gfs.shell.command.SnapshotCommand;
import gfs.shell.command.BaseCommand;
import gfs.shell.command.CatCommand;
import gfs.shell.command.ChecksumCommand;
import gfs.shell.command.CpCommand;
import gfs.shell.command.DfCommand;
import gfs.shell.command.DuCommand;
import gfs.shell.command.HeadCommand;
import gfs.shell.command.TailCommand;
import gfs.shell.command.ChunkserverCommand;
import gfs.shell.command.ClusterCommand;
import gfs.shell.command.GetCommand;
import gfs.shell.command.LocalCommand;
import gfs.shell.command.LsCommand;
import gfs.shell.command.MasterCommand;
import gfs.shell.command.MkdirCommand;
import gfs.shell.command.MvCommand;
import gfs.shell.command.PutCommand;
import gfs.shell.command.RmCommand;
import gfs.shell.command.ShellCommand;
import gfs.shell.command.StatCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The gfs command line. Every command is one class in gfs.shell.command, registered here.
 * Exit codes: 0 success, 1 the operation failed, 2 the command line is wrong.
 */
@Command(
    name = "gfs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
        "Command line of gfs, a distributed file system with the design of the Google File System.",
        "Client commands find the cluster from --conf, $GFS_CONF, --masters, or the last ./gfs local."},
    footer = {"", "Exit codes: 0 success, 1 operation failed, 2 usage error.",
        "Run 'gfs COMMAND --help' for the options of a command."},
    subcommands = {
        LocalCommand.class,
        MasterCommand.class,
        ChunkserverCommand.class,
        LsCommand.class,
        MkdirCommand.class,
        PutCommand.class,
        GetCommand.class,
        CatCommand.class,
        HeadCommand.class,
        TailCommand.class,
        AppendCommand.class,
        RmCommand.class,
        MvCommand.class,
        CpCommand.class,
        StatCommand.class,
        DuCommand.class,
        DfCommand.class,
        ChecksumCommand.class,
        RestoreCommand.class,
        SnapshotCommand.class,
        SetrepCommand.class,
        ClusterCommand.class,
        gfs.shell.command.BenchCommand.class,
        AdminCommand.class,
        ShellCommand.class})
public final class Main implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  /** Global options may also come before the command name: gfs --json ls /. */
  @Mixin private CommonOptions common;
  @Mixin private ClientOptions client;
  @Mixin private StaleOption stale;

  private final ShellContext context;
  private final Session session;

  public Main(ShellContext context, Session session) {
    this.context = context;
    this.session = session;
  }

  public static void main(String[] args) {
    configureLogging(args);
    ShellContext context = ShellContext.system();
    int code = run(context, args);
    context.flush();
    System.exit(code);
  }

  /** Runs one command line; returns its exit code. */
  public static int run(ShellContext context, String... args) {
    return run(context, Session.oneShot(), args);
  }

  /** Runs one command line of a session (a line of `gfs shell`); returns its exit code. */
  public static int run(ShellContext context, Session session, String... args) {
    int code = commandLine(context, session).execute(args);
    context.flush();
    return code;
  }

  public static CommandLine commandLine(ShellContext context) {
    return commandLine(context, Session.oneShot());
  }

  /** The whole command line: `gfs COMMAND ...` and every line in `gfs shell` parse through it. */
  public static CommandLine commandLine(ShellContext context, Session session) {
    Main main = new Main(context, session);
    CommandLine commandLine = new CommandLine(main);
    commandLine.setOut(new PrintWriter(context.out(), true));
    commandLine.setErr(new PrintWriter(context.err(), true));
    commandLine.setParameterExceptionHandler((e, args) -> {
      String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
      context.err().println("gfs: " + e.getMessage().replace('\n', ' ').trim()
          + " (see '" + command + " --help')");
      return EXIT_USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      Object command = cmd.getCommand();
      boolean json = main.common.json() || session.json();
      boolean debug = main.common.debug() || session.debug();
      if (command instanceof BaseCommand base) {
        json = base.json();
        debug = base.debug();
      }
      return ErrorReporter.report(e, context, json, debug);
    });
    return commandLine;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, context.err());
    return EXIT_USAGE;
  }

  public ShellContext context() {
    return context;
  }

  public Session session() {
    return session;
  }

  public CommonOptions commonOptions() {
    return common;
  }

  public ClientOptions clientOptions() {
    return client;
  }

  public StaleOption staleOption() {
    return stale;
  }

  /**
   * --debug turns on DEBUG for gfs classes. Must run before the first logger is made:
   * slf4j-simple reads its settings once.
   */
  static void configureLogging(String[] args) {
    if (Arrays.asList(args).contains("--debug")
        && System.getProperty("org.slf4j.simpleLogger.log.gfs") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.gfs", "debug");
    }
  }
}
