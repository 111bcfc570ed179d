package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "decommission", mixinStandardHelpOptions = true,
    description = {"Drains a chunkserver before its removal: the master re-replicates every chunk it holds"
        + " elsewhere and places no new replicas on it.",
        "`gfs cluster` shows it DECOMMISSIONING with the chunks left to drain, then DECOMMISSIONED"
            + " when it is safe to stop."})
public final class AdminDecommissionCommand extends ClientCommand {
  @Parameters(paramLabel = "CS", description = "Chunkserver id (as `gfs cluster` shows it).")
  String chunkserverId;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.admin().decommission(chunkserverId);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("chunkserver", chunkserverId);
      result.put("action", "decommission");
      out.json(result);
    } else {
      out.line("decommissioning " + chunkserverId + ": watch `gfs cluster` until it is DECOMMISSIONED");
    }
  }
}
