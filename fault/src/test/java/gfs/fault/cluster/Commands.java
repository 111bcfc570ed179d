package gfs.fault.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command (docker build, iptables) with a bound, and says what it printed on failure. */
final class Commands {
  private Commands() {}

  /** stdout and stderr of the command; throws when it fails or outlives timeoutMs. */
  static String run(long timeoutMs, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Output is small (a tag, an iptables listing): read it after exit is safe within pipe buffers.
    if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": still running after " + timeoutMs + " ms");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
    }
    return output;
  }
}
