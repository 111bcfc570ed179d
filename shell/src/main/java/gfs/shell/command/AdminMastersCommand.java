package gfs.shell.command;

import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.shell.output.Output;
import gfs.shell.output.Views;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "masters", mixinStandardHelpOptions = true,
    description = {"Lists the master peers: voters and read-only shadows (LISTENER), each with its"
        + " Raft role, term, commit and applied index as it reports them, and its lag: log entries"
        + " it is behind the leader, as the leader sees it.",
        "Peers the leader names that the client config does not list are asked too."})
public final class AdminMastersCommand extends ClientCommand {
  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<ClusterView.Master> masters = client.admin().masters();
    String leader = masters.stream().filter(m -> m.role().equals("LEADER"))
        .map(ClusterView.Master::id).findFirst().orElse(null);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("leader", leader);
      result.put("masters", Views.masters(masters));
      out.json(result);
      return;
    }
    out.line("MASTERS (leader: " + (leader == null ? "none" : leader) + ")");
    out.table(Views.mastersTable(masters));
  }
}
