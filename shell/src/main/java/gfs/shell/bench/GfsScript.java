package gfs.shell.bench;

import gfs.shell.CommandFailedException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The `./gfs` launcher of this checkout. Servers the benchmark starts run through it, so they
 * get exactly the JVM flags of servers started by ./gfs local (the benchmark's own JVM runs
 * with client flags, which would slow a server down).
 */
public final class GfsScript {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Path script;

  private GfsScript(Path script) {
    this.script = script;
  }

  /** Finds ./gfs above the jar (or classes directory) this class was loaded from. */
  public static GfsScript locate() throws CommandFailedException {
    Path from;
    try {
      from = Path.of(GfsScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      throw new CommandFailedException("cannot tell where gfs is installed: " + e);
    }
    for (Path dir = from.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("gfs");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new GfsScript(candidate);
      }
    }
    throw new CommandFailedException("no ./gfs launcher found above " + from
        + "; run the benchmark from a gfs checkout");
  }

  public Path path() {
    return script;
  }

  /**
   * Starts `./gfs ROLE --config CONFIG` in its own session with its output appended to log
   * (after a start marker, as ./gfs local does). The pid is the server JVM's: setsid and the
   * script both exec.
   */
  public Process startServer(String role, Path config, Path log, Path workDir) throws IOException {
    Files.writeString(log, "=== " + Instant.now() + " gfs bench starts " + role + " --config "
        + config + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(script.toString());
    command.addAll(List.of(role, "--config", config.toString()));
    return new ProcessBuilder(command).directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /**
   * Runs ./gfs with args, its stderr passed through to ours (progress), its stdout kept;
   * fails when it exits non-zero or outlives timeoutMs.
   */
  public String run(Map<String, String> env, long timeoutMs, String... args)
      throws IOException, InterruptedException, CommandFailedException {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("gfs-bench-out", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new CommandFailedException("./gfs " + String.join(" ", args) + " did not finish within "
            + timeoutMs / 1000 + " s");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new CommandFailedException("./gfs " + String.join(" ", args) + " failed with exit code "
            + process.exitValue() + (stdout.isBlank() ? "" : ": " + stdout.strip()));
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
