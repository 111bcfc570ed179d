package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "recommission", mixinStandardHelpOptions = true,
    description = "Takes a decommissioning (or decommissioned) chunkserver back into service.")
public final class AdminRecommissionCommand extends ClientCommand {
  @Parameters(paramLabel = "CS", description = "Chunkserver id (as `gfs cluster` shows it).")
  String chunkserverId;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.admin().recommission(chunkserverId);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("chunkserver", chunkserverId);
      result.put("action", "recommission");
      out.json(result);
    } else {
      out.line("chunkserver " + chunkserverId + " is back in service");
    }
  }
}
