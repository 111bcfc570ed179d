package gfs.shell;

import gfs.client.GfsException;
import gfs.shell.output.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a failure into what the operator sees: one line "gfs: message" on stderr (plus a
 * stack trace with --debug, plus {"error": ...} on stdout with --json) and the exit code.
 */
public final class ErrorReporter {
  /** What a shell reports for a process killed by SIGPIPE (128 + 13). */
  public static final int EXIT_BROKEN_PIPE = 141;

  private ErrorReporter() {}

  public static int report(Throwable failure, ShellContext context, boolean json, boolean debug) {
    Throwable e = unwrap(failure);
    if (e instanceof StdoutWriteException stdout && stdout.brokenPipe() && !debug) {
      return EXIT_BROKEN_PIPE;
    }
    String message = message(e);
    context.out().flush();
    context.err().println("gfs: " + message);
    if (e instanceof CommandFailedException failed) {
      failed.detail().forEach(context.err()::println);
    }
    if (debug) {
      failure.printStackTrace(context.err());
    }
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("kind", kind(e));
      error.put("message", message);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", error);
      context.out().println(Json.write(body));
      context.out().flush();
    }
    return exitCode(e);
  }

  public static int exitCode(Throwable e) {
    return unwrap(e) instanceof UsageException ? Main.EXIT_USAGE : Main.EXIT_FAILED;
  }

  /** One line naming what failed. */
  public static String message(Throwable e) {
    String text = e.getMessage();
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException f) {
      return f.getFile() + ": permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + ": already exists";
    }
    if (e instanceof DirectoryNotEmptyException f) {
      return f.getFile() + ": directory not empty";
    }
    if (e instanceof NotDirectoryException f) {
      return f.getFile() + ": not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    if (e instanceof GfsException || e instanceof UsageException
        || e instanceof CommandFailedException) {
      return oneLine(text);
    }
    if (e instanceof IOException) {
      return oneLine(text != null ? text : e.getClass().getSimpleName());
    }
    // Not an expected failure: say what it is so a bug report carries it.
    return "internal error: " + e.getClass().getName() + (text != null ? ": " + oneLine(text) : "")
        + " (run with --debug for the stack trace)";
  }

  private static String kind(Throwable e) {
    if (e instanceof GfsException g) {
      return g.kind().name();
    }
    if (e instanceof UsageException) {
      return "USAGE";
    }
    if (e instanceof IOException) {
      return "IO";
    }
    return e instanceof CommandFailedException ? "FAILED" : "INTERNAL";
  }

  private static Throwable unwrap(Throwable e) {
    Throwable current = e;
    while (current instanceof UncheckedIOException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "(no message)";
    }
    return text.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
