package gfs.shell.command;

import gfs.client.ClusterReport;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "topology", mixinStandardHelpOptions = true,
    description = {"Shows where the chunkservers are: racks, the hosts in each, the chunkservers on each"
        + " host with their state and chunk count.",
        "Placement spreads a chunk's replicas over racks, and the push chain goes host, then rack, first."})
public final class AdminTopologyCommand extends ClientCommand {
  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    ClusterReport report = client.admin().report();
    if (out.json()) {
      out.json(json(report));
      return;
    }
    if (report.racks().isEmpty()) {
      out.line("no chunkserver has registered");
      return;
    }
    for (ClusterReport.Rack rack : report.racks()) {
      out.line("rack " + rack.name() + " (" + count(rack) + ")");
      for (ClusterReport.Host host : rack.hosts()) {
        out.line("  host " + host.name());
        int width = host.chunkservers().stream().mapToInt(cs -> cs.id().length()).max().orElse(0);
        for (ClusterView.Chunkserver cs : host.chunkservers()) {
          out.line("    " + pad(cs.id(), width) + "  " + cs.address() + "  " + cs.state() + "  "
              + cs.chunkCount() + " chunks");
        }
      }
    }
  }

  private static String count(ClusterReport.Rack rack) {
    int servers = rack.totals().chunkservers();
    return rack.hosts().size() + (rack.hosts().size() == 1 ? " host, " : " hosts, ") + servers
        + (servers == 1 ? " chunkserver" : " chunkservers");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static Map<String, Object> json(ClusterReport report) {
    List<Object> racks = new ArrayList<>();
    for (ClusterReport.Rack rack : report.racks()) {
      List<Object> hosts = new ArrayList<>();
      for (ClusterReport.Host host : rack.hosts()) {
        List<Object> servers = new ArrayList<>();
        host.chunkservers().forEach(cs -> servers.add(AdminViews.chunkserver(cs)));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("host", host.name());
        h.put("chunkservers", servers);
        hosts.add(h);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("rack", rack.name());
      r.put("hosts", hosts);
      racks.add(r);
    }
    return Map.of("racks", racks);
  }
}
