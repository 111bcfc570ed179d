package gfs.shell.interactive;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.ClientOptions;
import gfs.shell.ClusterDiscovery;
import gfs.shell.CommandFailedException;
import gfs.shell.ErrorReporter;
import gfs.shell.Main;
import gfs.shell.Session;
import gfs.shell.ShellContext;
import gfs.shell.UsageException;
import gfs.shell.command.RemotePaths;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Runs the commands of one `gfs shell`: its own commands (cd, pwd, help, exit, quit) here, every
 * other one through the same picocli command line as `./gfs COMMAND`, in the shell's session.
 */
public final class ShellRunner {
  /** What the shell does after a command: go on, or end with a code. */
  public record Outcome(int exitCode, boolean exit) {
    static Outcome next(int code) {
      return new Outcome(code, false);
    }
  }

  /** The shell's own commands and their help lines, for help and completion. */
  static final Map<String, String> BUILTINS = builtins();

  private static Map<String, String> builtins() {
    Map<String, String> builtins = new LinkedHashMap<>();
    builtins.put("cd", "cd [DIR]        change the current remote directory (alone: /; cd -: the previous one)");
    builtins.put("pwd", "pwd             print the current remote directory");
    builtins.put("help", "help [COMMAND]  list the commands, or show the options of one");
    builtins.put("exit", "exit [N]        end the shell with exit code N (default: the last command's)");
    builtins.put("quit", "quit            the same as exit; so is Ctrl-D");
    return Collections.unmodifiableMap(builtins);
  }

  private final ShellContext context;
  private final Session session;
  private final Set<String> commandNames;
  private String previousDirectory = "/";
  private int lastExitCode;

  public ShellRunner(ShellContext context, Session session) {
    this.context = context;
    this.session = session;
    this.commandNames = Set.copyOf(Main.commandLine(context, session).getSubcommands().keySet());
  }

  public Session session() {
    return session;
  }

  public ShellContext context() {
    return context;
  }

  public int lastExitCode() {
    return lastExitCode;
  }

  /** Runs one command (its words); never throws for a failed command, prints its error. */
  public Outcome run(List<String> words) {
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    Outcome outcome;
    try {
      outcome = switch (name) {
        case "cd" -> Outcome.next(cd(args));
        case "pwd" -> Outcome.next(pwd(args));
        case "help" -> Outcome.next(help(args));
        case "exit", "quit" -> exit(args);
        default -> Outcome.next(command(words));
      };
    } catch (Exception e) {
      outcome = Outcome.next(ErrorReporter.report(e, context, session.json(), session.debug()));
    }
    context.flush();
    lastExitCode = outcome.exitCode();
    return outcome;
  }

  /** A gfs command, through the same command line as ./gfs COMMAND. */
  private int command(List<String> words) throws UsageException {
    String name = words.get(0);
    if (!name.startsWith("-") && !commandNames.contains(name)) {
      throw new UsageException("unknown command '" + name + "' (see 'help')");
    }
    return Main.run(context, session, words.toArray(String[]::new));
  }

  private int cd(List<String> args) throws Exception {
    if (args.size() > 1) {
      throw new UsageException("cd takes one directory, not " + args.size() + " words");
    }
    String target = args.isEmpty() ? "/"
        : args.get(0).equals("-") ? previousDirectory
        : RemotePaths.resolve(session.directory(), args.get(0));
    if (!target.equals("/")) {
      FileStatus status = client().stat(target);
      if (!status.directory()) {
        throw new CommandFailedException(target + ": not a directory");
      }
    }
    previousDirectory = session.directory();
    session.changeDirectory(target);
    return Main.EXIT_OK;
  }

  private int pwd(List<String> args) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("pwd takes no arguments");
    }
    context.out().println(session.directory());
    return Main.EXIT_OK;
  }

  private int help(List<String> args) throws UsageException {
    PrintStream out = context.out();
    CommandLine commandLine = Main.commandLine(context, session);
    if (args.isEmpty()) {
      out.println("Commands (each also runs as ./gfs COMMAND; 'help COMMAND' shows its options):");
      out.print(commandLine.getHelp().commandList());
      out.println();
      out.println("Shell commands:");
      BUILTINS.values().forEach(line -> out.println("  " + line));
      out.println();
      out.println("Relative paths are taken from the current directory. Ctrl-C stops a running"
          + " command (tail -f); Up and Down walk the history, Tab completes commands, options"
          + " and paths.");
      return Main.EXIT_OK;
    }
    if (BUILTINS.containsKey(args.get(0)) && args.size() == 1) {
      out.println(BUILTINS.get(args.get(0)));
      return Main.EXIT_OK;
    }
    CommandLine command = commandLine;
    for (String name : args) {
      CommandLine sub = command.getSubcommands().get(name);
      if (sub == null) {
        throw new UsageException("no command '" + String.join(" ", args) + "' (see 'help')");
      }
      command = sub;
    }
    command.usage(out);
    return Main.EXIT_OK;
  }

  private Outcome exit(List<String> args) throws UsageException {
    if (args.isEmpty()) {
      return new Outcome(lastExitCode, true);
    }
    if (args.size() > 1) {
      throw new UsageException("exit takes one exit code");
    }
    try {
      int code = Integer.parseInt(args.get(0));
      if (code < 0 || code > 255) {
        throw new NumberFormatException();
      }
      return new Outcome(code, true);
    } catch (NumberFormatException e) {
      throw new UsageException("exit code must be 0 to 255, not '" + args.get(0) + "'");
    }
  }

  /** The session's client for the shell's cluster (--conf, --masters of `gfs shell`). */
  GfsClient client() throws Exception {
    ClientOptions options = session.clientDefaults();
    return session.client(ClusterDiscovery.load(ClusterDiscovery.resolve(options, context),
        options.timeoutMs()));
  }
}
