package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "transfer-leader", mixinStandardHelpOptions = true,
    description = {"Hands leadership of the master group to the voting master ID and returns"
        + " once it leads (nothing happens if it already does).",
        "Clients and chunkservers follow the new leader on their own."})
public final class AdminTransferLeaderCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Id of a voting master, e.g. master-2.")
  String id;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.admin().transferLeader(id);
    if (out.json()) {
      out.json(Map.of("leader", id));
    } else {
      out.line(id + " is the master leader");
    }
  }
}
