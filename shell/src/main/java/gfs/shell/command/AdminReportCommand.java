package gfs.shell.command;

import gfs.client.ClusterReport;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report", mixinStandardHelpOptions = false,
    description = {"Shows the cluster at a glance: capacity, used and remaining bytes, chunkservers live,"
        + " dead, decommissioning and decommissioned, by rack; files, chunks and the chunks under-"
        + " or over-replicated or missing; safe mode.",
        "Capacity and remaining are those of the chunkservers' disks, used the bytes of their chunk"
            + " files; dead chunkservers are left out. Sizes are in bytes, with -h in KiB, MiB, GiB."})
public final class AdminReportCommand extends ClientCommand {
  @Mixin HumanSizeOption sizes;
  @Mixin HelpOnlyLong help;

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    ClusterReport report = client.admin().report();
    ClusterView view = report.view();
    if (out.json()) {
      out.json(json(report));
      return;
    }
    ClusterReport.Totals t = report.total();
    out.line("leader:         " + (view.leaderId().isEmpty() ? "none" : view.leaderId()));
    if (!view.fromLeader() && !view.reportedBy().isEmpty()) {
      out.line("reported by:    " + view.reportedBy() + " (the leader did not answer: figures may lag)");
    }
    out.line("safe mode:      " + AdminViews.onOff(view.safeMode()));
    out.line("capacity:       " + sizes.size(t.capacityBytes()));
    out.line("used by chunks: " + sizes.size(t.usedBytes()) + " (" + AdminViews.usedPercent(t.usedBytes(),
        t.capacityBytes()) + ")");
    out.line("used otherwise: " + sizes.size(otherBytes(t)));
    out.line("remaining:      " + sizes.size(t.freeBytes()));
    out.line("chunkservers:   " + t.chunkservers() + " (live " + t.live() + ", dead " + t.dead()
        + ", decommissioning " + t.decommissioning() + ", decommissioned " + t.decommissioned() + ")");
    out.line("files and dirs: " + view.fileCount());
    out.line("chunks:         " + view.chunkCount() + " (under-replicated " + view.underReplicatedChunks()
        + ", missing " + view.missingChunks() + ", over-replicated " + view.overReplicatedChunks() + ")");
    out.line("clones:         " + view.clonesInFlight() + " in flight");
    out.line("trash:          " + view.deletedEntries() + " deleted entries awaiting collection");
    out.line("");
    Table racks = new Table().left("RACK").right("LIVE").right("DEAD").right("DECOMMISSIONING")
        .right("DECOMMISSIONED").right("CAPACITY").right("USED").right("REMAINING").right("USED%")
        .right("REPLICAS");
    for (ClusterReport.Rack rack : report.racks()) {
      ClusterReport.Totals r = rack.totals();
      racks.row(rack.name(), r.live(), r.dead(), r.decommissioning(), r.decommissioned(),
          sizes.size(r.capacityBytes()), sizes.size(r.usedBytes()), sizes.size(r.freeBytes()),
          AdminViews.usedPercent(r.usedBytes(), r.capacityBytes()), r.chunks());
    }
    out.table(racks);
  }

  /** What the disks hold besides chunk files (other data on the same file systems). */
  private static long otherBytes(ClusterReport.Totals t) {
    return Math.max(0, t.capacityBytes() - t.usedBytes() - t.freeBytes());
  }

  private static Map<String, Object> json(ClusterReport report) {
    ClusterView view = report.view();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leader", view.leaderId().isEmpty() ? null : view.leaderId());
    m.put("reported_by", view.reportedBy().isEmpty() ? null : view.reportedBy());
    m.put("safe_mode", view.safeMode());
    m.putAll(AdminViews.totals(report.total()));
    m.put("other_used_bytes", otherBytes(report.total()));
    m.put("files", view.fileCount());
    m.put("chunks", view.chunkCount());
    m.put("under_replicated_chunks", view.underReplicatedChunks());
    m.put("missing_chunks", view.missingChunks());
    m.put("over_replicated_chunks", view.overReplicatedChunks());
    m.put("clones_in_flight", view.clonesInFlight());
    m.put("deleted_entries", view.deletedEntries());
    List<Object> racks = new ArrayList<>();
    for (ClusterReport.Rack rack : report.racks()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("rack", rack.name());
      r.putAll(AdminViews.totals(rack.totals()));
      racks.add(r);
    }
    m.put("racks", racks);
    return m;
  }
}
