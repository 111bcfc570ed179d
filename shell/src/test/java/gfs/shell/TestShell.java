package gfs.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs gfs command lines in this JVM with captured streams and a chosen environment. */
public final class TestShell {
  public record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private final Path home;
  private byte[] stdin = new byte[0];

  public TestShell(Path home) {
    this.home = home;
    env.put("GFS_HOME", home.resolve(".gfs").toString());
  }

  public TestShell env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public TestShell stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public ShellContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new ShellContext(new ByteArrayInputStream(stdin), out,
        new PrintStream(err, true, StandardCharsets.UTF_8), env, home);
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(context(out, err), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
