package gfs.shell;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch outside itself: the standard streams, the environment and the
 * user's home. Passed in rather than read from System so tests run commands for real with
 * their own streams and environment.
 */
public final class ShellContext {
  private final InputStream stdin;
  private final OutputStream rawStdout;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Path userHome;
  private final Terminals terminals;

  public ShellContext(InputStream stdin, OutputStream stdout, PrintStream err,
      Map<String, String> env, Path userHome) {
    this(stdin, stdout, err, env, userHome, Terminals.NONE);
  }

  public ShellContext(InputStream stdin, OutputStream stdout, PrintStream err,
      Map<String, String> env, Path userHome, Terminals terminals) {
    this(stdin, stdout, new PrintStream(stdout, false, StandardCharsets.UTF_8), err, env,
        userHome, terminals);
  }

  private ShellContext(InputStream stdin, OutputStream rawStdout, PrintStream out, PrintStream err,
      Map<String, String> env, Path userHome, Terminals terminals) {
    this.stdin = stdin;
    this.rawStdout = rawStdout;
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.userHome = userHome;
    this.terminals = terminals;
  }

  /** The real process: file-descriptor streams, so binary output is not re-encoded. */
  public static ShellContext system() {
    OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    return new ShellContext(new FileInputStream(FileDescriptor.in), stdout, err, System.getenv(),
        Path.of(System.getProperty("user.home")), Terminals.system());
  }

  /** The same streams with another standard input (commands inside gfs shell read none). */
  public ShellContext withStdin(InputStream otherStdin) {
    return new ShellContext(otherStdin, rawStdout, out, err, env, userHome, terminals);
  }

  /** Which standard streams are terminals (progress bars, the interactive shell). */
  public Terminals terminals() {
    return terminals;
  }

  public InputStream stdin() {
    return stdin;
  }

  /** Text output for people or JSON. Buffered: flushed when the command ends. */
  public PrintStream out() {
    return out;
  }

  /**
   * Standard output for bytes (cat, get -). Text printed so far is flushed first so the two
   * never interleave out of order.
   */
  public OutputStream rawStdout() {
    out.flush();
    return new StdoutStream(rawStdout);
  }

  /** Marks write failures as stdout's, so a closed pipe is told apart from a failed read. */
  private static final class StdoutStream extends OutputStream {
    private final OutputStream target;

    StdoutStream(OutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        target.write(b);
      } catch (IOException e) {
        throw new StdoutWriteException(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        target.write(b, off, len);
      } catch (IOException e) {
        throw new StdoutWriteException(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        target.flush();
      } catch (IOException e) {
        throw new StdoutWriteException(e);
      }
    }

    /** Standard output stays open for whatever the shell prints after the command. */
    @Override
    public void close() throws IOException {
      flush();
    }
  }

  public PrintStream err() {
    return err;
  }

  /** An environment variable, or null when unset or empty. */
  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  public Map<String, String> environment() {
    return env;
  }

  public Path userHome() {
    return userHome;
  }

  /** Where gfs keeps per-user state: $GFS_HOME, default ~/.gfs. */
  public Path gfsHome() {
    String home = env("GFS_HOME");
    return home != null ? Path.of(home) : userHome.resolve(".gfs");
  }

  public void flush() {
    out.flush();
    err.flush();
  }
}
