package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.SizeConverter;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "head", mixinStandardHelpOptions = true,
    description = {"Writes the start of a file to stdout: its first KiB, or -c BYTES, or -n LINES.",
        "With --json: one object {path, offset, encoding: base64, data, length}."})
public final class HeadCommand extends ReadCommand {
  static final long DEFAULT_BYTES = 1024;

  @Option(names = "-c", paramLabel = "BYTES", converter = SizeConverter.class,
      description = "Bytes to print (e.g. 100, 4KB, 1MB; default 1KB).")
  Long bytes;

  @Option(names = "-n", paramLabel = "LINES", description = "Lines to print instead of bytes.")
  Integer lines;

  @Parameters(paramLabel = "REMOTE") String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
    checkAmount(bytes, lines);
  }

  /** -c and -n exclude each other; -n counts at least one line. */
  static void checkAmount(Long bytes, Integer lines) throws UsageException {
    if (bytes != null && lines != null) {
      throw new UsageException("give -c BYTES or -n LINES, not both");
    }
    if (lines != null && lines < 1) {
      throw new UsageException("-n must be at least 1 line, not " + lines);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileRange.requireFile(client, path);
    long end = lines != null ? FileRange.endOfFirstLines(client, path, lines)
        : bytes != null ? bytes : DEFAULT_BYTES;
    try (InputStream in = FileRange.stream(client, path, 0, end)) {
      DataOut.write(context(), path, 0, in, out.json());
    }
  }
}
