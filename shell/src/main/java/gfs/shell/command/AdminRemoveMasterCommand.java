package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove-master", mixinStandardHelpOptions = true,
    description = {"Removes a follower or shadow from the master group. The leader cannot be"
        + " removed (transfer-leader first), nor the last voter.",
        "Stop its process afterwards and take it out of the configs."})
public final class AdminRemoveMasterCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Id of the master to remove.")
  String id;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.admin().removeMaster(id);
    if (out.json()) {
      out.json(Map.of("removed", id));
    } else {
      out.line("removed " + id + " from the master group");
    }
  }
}
