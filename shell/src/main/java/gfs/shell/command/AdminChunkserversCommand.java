package gfs.shell.command;

import gfs.client.ClusterView;
import gfs.client.GfsAdmin;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "chunkservers", mixinStandardHelpOptions = false,
    description = {"Lists the chunkservers as the master leader sees them, one row each: id, address,"
        + " rack, state (LIVE, DEAD, DECOMMISSIONING, DECOMMISSIONED), capacity, used, remaining,"
        + " chunks held and the age of its last heartbeat.",
        "With CS, only that chunkserver (an unknown id fails naming the known ones). Sizes are in"
            + " bytes, with -h in KiB, MiB, GiB."})
public final class AdminChunkserversCommand extends ClientCommand {
  @Mixin HumanSizeOption sizes;
  @Mixin HelpOnlyLong help;

  @Parameters(paramLabel = "CS", arity = "0..1", description = "Only this chunkserver id.")
  String chunkserverId;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    GfsAdmin admin = client.admin();
    List<ClusterView.Chunkserver> servers = chunkserverId == null ? admin.chunkservers()
        : List.of(admin.chunkserver(chunkserverId));
    if (out.json()) {
      List<Object> list = new ArrayList<>();
      servers.forEach(cs -> list.add(AdminViews.chunkserver(cs)));
      out.json(Map.of("chunkservers", list));
      return;
    }
    Table table = new Table().left("ID").left("ADDRESS").left("RACK").left("STATE").right("CAPACITY")
        .right("USED").right("REMAINING").right("USED%").right("CHUNKS").right("HEARTBEAT");
    for (ClusterView.Chunkserver cs : servers) {
      table.row(cs.id(), cs.address(), cs.rack().isEmpty() ? "-" : cs.rack(), cs.state(),
          sizes.size(cs.capacityBytes()), sizes.size(cs.usedBytes()), sizes.size(cs.freeBytes()),
          AdminViews.usedPercent(cs.usedBytes(), cs.capacityBytes()), cs.chunkCount(),
          cs.lastHeartbeatAgeMs() < 0 ? "-" : Formats.age(cs.lastHeartbeatAgeMs()) + " ago");
    }
    out.table(table);
  }
}
