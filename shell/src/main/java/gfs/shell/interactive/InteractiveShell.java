package gfs.shell.interactive;

import gfs.shell.ErrorReporter;
import gfs.shell.Main;
import gfs.shell.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * `gfs shell` on a terminal: JLine line editing with history kept in a file across sessions,
 * Tab completion, and the prompt gfs:CLUSTER:/dir>. A failing command prints its error and the
 * session goes on; Ctrl-C stops the running command (or clears the line being typed); exit,
 * quit or Ctrl-D end it.
 */
final class InteractiveShell {
  /** Lines kept in memory and in the history file. */
  static final int HISTORY_LINES = 1000;
  static final int HISTORY_FILE_LINES = 10_000;

  private final ShellRunner runner;
  private final String cluster;
  private final Path historyFile;
  /** Set by Ctrl-C while a command runs. */
  private final AtomicBoolean stopped = new AtomicBoolean();

  InteractiveShell(ShellRunner runner, String cluster, Path historyFile) {
    this.runner = runner;
    this.cluster = cluster;
    this.historyFile = historyFile;
  }

  int run() throws IOException {
    Path historyDirectory = historyFile.toAbsolutePath().getParent();
    if (historyDirectory != null) {
      Files.createDirectories(historyDirectory);
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).name("gfs").build()) {
      DefaultParser parser = new DefaultParser();
      parser.setEofOnUnclosedQuote(false);
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("gfs")
          .parser(parser)
          .history(new DefaultHistory())
          .completer(new ShellCompleter(Main.commandLine(runner.context(), runner.session()),
              runner.context(), runner.session()))
          .variable(LineReader.HISTORY_FILE, historyFile)
          .variable(LineReader.HISTORY_SIZE, HISTORY_LINES)
          .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_FILE_LINES)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
          .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
          .build();
      Thread commands = Thread.currentThread();
      // Outside readLine a Ctrl-C interrupts the running command instead of ending the JVM.
      terminal.handle(Terminal.Signal.INT, signal -> {
        stopped.set(true);
        commands.interrupt();
      });
      try {
        return loop(reader);
      } finally {
        reader.getHistory().save();
      }
    }
  }

  private int loop(LineReader reader) {
    while (true) {
      String line;
      try {
        line = reader.readLine(Prompt.of(cluster, runner.session().directory()));
      } catch (UserInterruptException e) {
        continue;  // Ctrl-C while typing: a new prompt
      } catch (EndOfFileException e) {
        return runner.lastExitCode();  // Ctrl-D
      }
      List<List<String>> commands;
      try {
        commands = CommandLines.split(line);
      } catch (UsageException e) {
        ErrorReporter.report(e, runner.context(), runner.session().json(),
            runner.session().debug());
        continue;
      }
      for (List<String> words : commands) {  // cmd1; cmd2 runs both, as in sh
        ShellRunner.Outcome outcome = runner.run(words);
        Thread.interrupted();  // an interrupt that stopped the command ends with it
        if (stopped.getAndSet(false)) {
          // After the terminal's ^C, the prompt starts on a line of its own.
          reader.getTerminal().writer().println();
          reader.getTerminal().flush();
        }
        if (outcome.exit()) {
          return outcome.exitCode();
        }
      }
    }
  }
}
