package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Record-appends each line of stdin (newline included) to a gfs file.",
        "Each line is one atomic record, appended at least once at an offset gfs chooses;",
        "a line may be at most a quarter of the chunk size. REMOTE (and its parent",
        "directories) is created if it does not exist."})
public final class AppendCommand extends ClientCommand {
  @Option(names = {"-v", "--verbose"}, description = "Print the file offset of each record.")
  boolean verbose;

  @Parameters(paramLabel = "REMOTE") String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    createIfMissing(client);
    LineRecords lines = new LineRecords(context().stdin(), client.maxRecordBytes());
    long records = 0;
    long bytes = 0;
    byte[] record;
    while ((record = lines.next()) != null) {
      long offset = client.recordAppend(path, record);
      records++;
      bytes += record.length;
      if (verbose) {
        printOffset(out, offset, record.length);
      }
    }
    if (out.json()) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("path", path);
      summary.put("records", records);
      summary.put("bytes", bytes);
      out.json(summary);
    }
    out.stream().flush();
  }

  private void createIfMissing(GfsClient client) throws GfsException {
    try {
      client.create(path, 0, true);
    } catch (GfsException e) {
      if (e.kind() != GfsException.Kind.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  /** One line per record as it is appended, so a pipeline sees progress. */
  private static void printOffset(Output out, long offset, int length) {
    if (out.json()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("offset", offset);
      line.put("length", length);
      out.json(line);
    } else {
      out.line(Long.toString(offset));
    }
    out.stream().flush();
  }
}
