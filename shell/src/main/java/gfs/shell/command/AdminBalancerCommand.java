package gfs.shell.command;

import gfs.client.BalancerStatus;
import gfs.client.GfsAdmin;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.UsageException;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "balancer", mixinStandardHelpOptions = false,
    description = {"Starts or stops rebalancing (moving chunks toward even disk use, every"
        + " rebalance.interval.ms) or shows its status: the switch, the settings, each live chunkserver's"
        + " chunk bytes against the mean (ABOVE gives chunks, BELOW takes them) and the moves under way.",
        "start and stop are part of the replicated state (a new leader keeps them); start also runs a"
            + " round at the next scan. Moves under way finish after stop. Sizes are in bytes, with -h in"
            + " KiB, MiB, GiB."})
public final class AdminBalancerCommand extends ClientCommand {
  static final List<String> ACTIONS = List.of("start", "stop", "status");

  @Mixin HumanSizeOption sizes;
  @Mixin HelpOnlyLong help;

  @Parameters(paramLabel = "ACTION", description = "start, stop or status.")
  String action;

  @Override
  protected void validate() throws UsageException {
    AdminActions.check("balancer", action, ACTIONS);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    GfsAdmin admin = client.admin();
    BalancerStatus status = switch (action) {
      case "start" -> admin.startBalancer();
      case "stop" -> admin.stopBalancer();
      default -> admin.balancerStatus();
    };
    if (out.json()) {
      out.json(json(status));
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    out.line("balancer:        " + AdminViews.onOff(status.enabled()) + state(status)
        + (status.changedAtMs() > 0 ? ", switched at " + Formats.timeSeconds(status.changedAtMs(), zone)
            : ", never switched (on by default)"));
    out.line("interval:        " + status.intervalMs() + " ms, threshold " + AdminViews.percent(status.threshold())
        + " of the mean, at most " + status.maxMovesPerServer() + " move(s) into a chunkserver at once");
    out.line("last round:      " + (status.lastRunAtMs() > 0
        ? Formats.timeSeconds(status.lastRunAtMs(), zone) : "none since this master leads"));
    out.line("mean chunk data: " + sizes.size(status.meanUsedBytes()) + (sizes.human() ? "" : " bytes")
        + " per chunkserver");
    out.line("");
    Table servers = new Table().left("ID").left("RACK").right("USED").right("CAPACITY").right("DEVIATION")
        .left("BALANCE").right("MOVES IN").right("MOVES OUT");
    for (BalancerStatus.Server s : status.servers()) {
      servers.row(s.id(), s.rack().isEmpty() ? "-" : s.rack(), sizes.size(s.usedBytes()),
          sizes.size(s.capacityBytes()), (s.deviation() >= 0 ? "+" : "") + AdminViews.percent(s.deviation()),
          s.above() ? "ABOVE" : s.below() ? "BELOW" : "ok", s.movesIn(), s.movesOut());
    }
    out.table(servers);
    out.line("");
    out.line("MOVES IN FLIGHT (" + status.moves().size() + ")");
    if (!status.moves().isEmpty()) {
      out.table(AdminViews.clonesTable(status.moves()));
    }
  }

  private static String state(BalancerStatus status) {
    if (!status.enabled()) {
      return "";
    }
    if (status.safeMode()) {
      return " (paused: safe mode)";
    }
    return status.intervalMs() <= 0 ? " (idle: rebalance.interval.ms is 0)" : "";
  }

  private static Map<String, Object> json(BalancerStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", status.enabled());
    m.put("active", status.active());
    m.put("changed_at_ms", status.changedAtMs());
    m.put("interval_ms", status.intervalMs());
    m.put("threshold", status.threshold());
    m.put("max_moves_per_server", status.maxMovesPerServer());
    m.put("last_run_at_ms", status.lastRunAtMs());
    m.put("mean_used_bytes", status.meanUsedBytes());
    m.put("safe_mode", status.safeMode());
    List<Object> servers = new ArrayList<>();
    for (BalancerStatus.Server s : status.servers()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", s.id());
      e.put("rack", s.rack());
      e.put("used_bytes", s.usedBytes());
      e.put("capacity_bytes", s.capacityBytes());
      e.put("deviation", s.deviation());
      e.put("balance", s.above() ? "ABOVE" : s.below() ? "BELOW" : "OK");
      e.put("moves_in", s.movesIn());
      e.put("moves_out", s.movesOut());
      servers.add(e);
    }
    m.put("servers", servers);
    m.put("moves", AdminViews.clones(status.moves()));
    return m;
  }
}
