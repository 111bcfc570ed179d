package gfs.shell.command;

import gfs.client.GfsAdmin;
import gfs.client.GfsClient;
import gfs.client.SafeModeStatus;
import gfs.shell.UsageException;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "safemode", mixinStandardHelpOptions = true,
    description = {"Gets, enters or leaves safe mode. In safe mode the masters refuse namespace changes and"
        + " writes (new leases are refused and held ones are not extended), and the leader starts no"
        + " re-replication, rebalancing or garbage collection; reads go on.",
        "The setting is part of the replicated state: a new leader keeps it, and it stays after restarts"
            + " until left."})
public final class AdminSafemodeCommand extends ClientCommand {
  static final List<String> ACTIONS = List.of("get", "enter", "leave");

  @Parameters(paramLabel = "ACTION", description = "get, enter or leave.")
  String action;

  @Override
  protected void validate() throws UsageException {
    AdminActions.check("safemode", action, ACTIONS);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    GfsAdmin admin = client.admin();
    SafeModeStatus status = switch (action) {
      case "enter" -> admin.setSafeMode(true);
      case "leave" -> admin.setSafeMode(false);
      default -> admin.safeModeStatus();
    };
    if (out.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("safe_mode", status.on());
      m.put("changed_at_ms", status.changedAtMs());
      out.json(m);
      return;
    }
    String since = status.changedAtMs() > 0
        ? " (since " + Formats.timeSeconds(status.changedAtMs(), ZoneId.systemDefault()) + ")" : "";
    out.line("safe mode is " + AdminViews.onOff(status.on()) + since);
    if (status.on() && !action.equals("get")) {
      out.line("namespace changes and writes are refused, re-replication, rebalancing and garbage"
          + " collection are paused; leave it with 'gfs admin safemode leave'");
    }
  }
}
