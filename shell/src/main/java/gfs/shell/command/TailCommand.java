package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.SizeConverter;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Writes the end of a file to stdout: its last KiB, or -c BYTES, or -n LINES.",
        "With -f, then follows the file: polls its length every --interval ms and prints what was"
            + " appended, until Ctrl-C (inside gfs shell: back to the prompt).",
        "With --json: one object {path, offset, encoding: base64, data, length} per piece."})
public final class TailCommand extends ReadCommand {
  static final long MIN_INTERVAL_MS = 100;
  static final long MAX_INTERVAL_MS = 60_000;

  @Option(names = "-c", paramLabel = "BYTES", converter = SizeConverter.class,
      description = "Bytes to print (e.g. 100, 4KB, 1MB; default 1KB).")
  Long bytes;

  @Option(names = "-n", paramLabel = "LINES", description = "Lines to print instead of bytes.")
  Integer lines;

  @Option(names = "-f", description = "Follow: keep printing what is appended.")
  boolean follow;

  @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
      description = "With -f, ms between two looks at the file's length (100..60000; default 1000).")
  long intervalMs;

  @Parameters(paramLabel = "REMOTE") String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
    HeadCommand.checkAmount(bytes, lines);
    if (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
      throw new UsageException("--interval must be " + MIN_INTERVAL_MS + " to " + MAX_INTERVAL_MS
          + " ms, not " + intervalMs);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileRange.requireFile(client, path);
    long end = client.length(path);
    long start = lines != null ? FileRange.startOfLastLines(client, path, end, lines)
        : Math.max(0, end - (bytes != null ? bytes : HeadCommand.DEFAULT_BYTES));
    print(client, out, start, end);
    if (follow) {
      follow(client, out, end);
    }
  }

  /** Prints what is appended after offset until interrupted (Ctrl-C in gfs shell). */
  private void follow(GfsClient client, Output out, long offset) throws Exception {
    long printed = offset;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(intervalMs);
        long length = client.length(path);
        if (length < printed) {
          context().err().println("gfs: " + path + ": file shrank from " + printed + " to "
              + length + " bytes (replaced?); following from its start");
          printed = 0;
        }
        if (length > printed) {
          print(client, out, printed, length);
          printed = length;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();  // gfs shell sees the command was stopped
        return;
      } catch (GfsException e) {
        if (Thread.currentThread().isInterrupted()) {
          return; // the interrupt cancelled a call in flight: no error to report
        }
        throw e;
      }
    }
  }

  private void print(GfsClient client, Output out, long start, long end) throws Exception {
    try (InputStream in = FileRange.stream(client, path, start, end)) {
      DataOut.write(context(), path, start, in, out.json());
    }
  }
}
