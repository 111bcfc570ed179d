package gfs.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real `./gfs` launcher of this checkout as a separate process. */
public final class GfsCommand {
  /** What one run printed and returned. */
  public record Result(int exitCode, String stdout, String stderr, long elapsedMs) {
    @Override
    public String toString() {
      return "exit " + exitCode + " after " + elapsedMs + " ms\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  private GfsCommand() {}

  public static Path root() {
    return Path.of(System.getProperty("gfs.root", "..")).toAbsolutePath().normalize();
  }

  public static Result run(Map<String, String> env, byte[] stdin, long timeoutMs, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(root().resolve("gfs").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
    builder.environment().putAll(env);
    Path out = Files.createTempFile("gfs-out", ".txt");
    Path err = Files.createTempFile("gfs-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    try (var input = process.getOutputStream()) {
      if (stdin != null) {
        input.write(stdin);
      }
    }
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("./gfs " + String.join(" ", args) + " did not finish within " + timeoutMs
          + " ms; stderr: " + Files.readString(err));
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), elapsedMs);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }
}
