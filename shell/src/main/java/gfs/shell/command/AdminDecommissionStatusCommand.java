package gfs.shell.command;

import gfs.client.ClusterView;
import gfs.client.GfsAdmin;
import gfs.client.GfsClient;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "decommission-status", mixinStandardHelpOptions = true,
    description = {"Shows the chunkservers being drained: DECOMMISSIONING with the replicas still to copy"
        + " elsewhere (their chunk has fewer than its goal without them), or DECOMMISSIONED: safe to stop.",
        "With CS, that chunkserver whatever its state (an unknown id fails naming the known ones)."})
public final class AdminDecommissionStatusCommand extends ClientCommand {
  @Parameters(paramLabel = "CS", arity = "0..1", description = "Only this chunkserver id.")
  String chunkserverId;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    GfsAdmin admin = client.admin();
    List<ClusterView.Chunkserver> servers = chunkserverId != null ? List.of(admin.chunkserver(chunkserverId))
        : admin.chunkservers().stream().filter(cs -> cs.state().startsWith("DECOMMISSION")).toList();
    if (out.json()) {
      List<Object> list = new ArrayList<>();
      for (ClusterView.Chunkserver cs : servers) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", cs.id());
        e.put("state", cs.state());
        e.put("chunks", cs.chunkCount());
        e.put("chunks_to_drain", draining(cs) ? cs.chunksToDrain() : 0);
        e.put("safe_to_remove", cs.state().equals("DECOMMISSIONED"));
        list.add(e);
      }
      out.json(Map.of("chunkservers", list));
      return;
    }
    if (servers.isEmpty()) {
      out.line("no chunkserver is being decommissioned");
      return;
    }
    Table table = new Table().left("ID").left("ADDRESS").left("STATE").right("CHUNKS").right("TO DRAIN")
        .left("SAFE TO REMOVE");
    for (ClusterView.Chunkserver cs : servers) {
      table.row(cs.id(), cs.address(), cs.state(), cs.chunkCount(), draining(cs) ? cs.chunksToDrain() : "-",
          cs.state().equals("DECOMMISSIONED") ? "yes" : "no");
    }
    out.table(table);
  }

  private static boolean draining(ClusterView.Chunkserver cs) {
    return cs.state().startsWith("DECOMMISSION");
  }
}
