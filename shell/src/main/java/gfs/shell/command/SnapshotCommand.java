package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Makes DST a copy of SRC (a file or a directory tree) at once, copy-on-write:",
        "chunks are shared until one side writes to them; later writes to either side do not show"
            + " in the other."})
public final class SnapshotCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST", description = "Must not exist yet.") String destination;

  @Override
  protected void validate() throws UsageException {
    source = remote(source);
    destination = remote(destination);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.snapshot(source, destination);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("source", source);
      result.put("destination", destination);
      out.json(result);
    }
  }
}
