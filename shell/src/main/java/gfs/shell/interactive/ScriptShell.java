package gfs.shell.interactive;

import gfs.shell.ErrorReporter;
import gfs.shell.Main;
import gfs.shell.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * `gfs shell -c "cmd; cmd"` and `gfs shell < script`: the commands in order, no prompt. The
 * first failure ends the run with that command's exit code, unless keepGoing: then every
 * command runs and the exit code is the last failure's (0 when none failed).
 */
final class ScriptShell {
  /** Longest script line, continuation lines included. */
  static final int MAX_LINE_CHARS = CommandLines.MAX_CHARS;

  private final ShellRunner runner;
  private final PrintStream err;
  private final boolean keepGoing;
  private int failure;

  ScriptShell(ShellRunner runner, PrintStream err, boolean keepGoing) {
    this.runner = runner;
    this.err = err;
    this.keepGoing = keepGoing;
  }

  /** Runs `-c` text; returns the exit code. */
  int runText(String text) {
    Integer end = runCommands(text, "");
    return end != null ? end : failure;
  }

  /** Runs the script on in, line by line (a line ending in \ goes on on the next one). */
  int runScript(BufferedReader in) throws IOException {
    StringBuilder pending = new StringBuilder();
    int lineNumber = 0;
    int firstLine = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (pending.length() == 0) {
        firstLine = lineNumber;
      }
      if (line.endsWith("\\") && !line.endsWith("\\\\")) {
        pending.append(line, 0, line.length() - 1);
        checkLength(pending, firstLine);
        continue;
      }
      pending.append(line);
      checkLength(pending, firstLine);
      Integer end = runCommands(pending.toString(), " at line " + firstLine);
      pending.setLength(0);
      if (end != null) {
        return end;
      }
    }
    if (pending.length() > 0) {
      Integer end = runCommands(pending.toString(), " at line " + firstLine);
      if (end != null) {
        return end;
      }
    }
    return failure;
  }

  /**
   * Runs the commands of one piece of text (where: " at line N" of a script, "" for -c); an
   * exit code when the run must end here.
   */
  private Integer runCommands(String text, String where) {
    List<List<String>> commands;
    try {
      commands = CommandLines.split(text);
    } catch (UsageException e) {
      int code = ErrorReporter.report(e, runner.context(), runner.session().json(),
          runner.session().debug());
      return stopOrGoOn(code, where, text);
    }
    for (List<String> words : commands) {
      ShellRunner.Outcome outcome = runner.run(words);
      if (outcome.exit()) {
        return outcome.exitCode();
      }
      if (outcome.exitCode() != Main.EXIT_OK) {
        Integer end = stopOrGoOn(outcome.exitCode(), where, String.join(" ", words));
        if (end != null) {
          return end;
        }
      }
    }
    return null;
  }

  private Integer stopOrGoOn(int code, String where, String command) {
    failure = code;
    if (keepGoing) {
      return null;
    }
    err.println("gfs shell: stopped" + where + ": '" + command + "' failed (exit " + code + ")");
    return code;
  }

  private static void checkLength(StringBuilder pending, int firstLine) throws IOException {
    if (pending.length() > MAX_LINE_CHARS) {
      throw new IOException("script line " + firstLine + " is longer than " + MAX_LINE_CHARS
          + " characters");
    }
  }
}
