package gfs.shell.command;

import gfs.client.GcStatus;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.UsageException;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "gc", mixinStandardHelpOptions = false,
    description = {"Shows garbage collection on the master leader: deleted entries in the trash awaiting"
        + " collection and when the oldest passes retention (gc.retention.ms), entries purged, orphaned,"
        + " stale and corrupt replicas whose deletion was sent and not yet reported done, and the replicas"
        + " and bytes reclaimed since this master leads.",
        "Counts are those of the last scan (every gc.scan.interval.ms). Sizes are in bytes, with -h in"
            + " KiB, MiB, GiB."})
public final class AdminGcCommand extends ClientCommand {
  @Mixin HumanSizeOption sizes;
  @Mixin HelpOnlyLong help;

  @Parameters(paramLabel = "ACTION", description = "status.")
  String action;

  @Override
  protected void validate() throws UsageException {
    AdminActions.check("gc", action, List.of("status"));
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    GcStatus s = client.admin().gcStatus();
    if (out.json()) {
      out.json(json(s));
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    out.line("garbage collection: " + (s.paused() ? "PAUSED (safe mode)" : "running"));
    out.line("retention:          " + s.retentionMs() + " ms (" + Formats.age(s.retentionMs()) + ")");
    out.line("last scan:          " + (s.lastScanAtMs() > 0 ? Formats.timeSeconds(s.lastScanAtMs(), zone)
        : "none yet since this master leads") + ", every " + s.scanIntervalMs() + " ms");
    out.line("trash:              " + s.trashEntries() + " deleted entries awaiting collection"
        + (s.nextExpiryAtMs() > 0 ? ", the oldest passes retention at "
            + Formats.timeSeconds(s.nextExpiryAtMs(), zone) : ""));
    out.line("purged:             " + s.purgedEntries() + " entries since this master leads"
        + (s.leaderSinceMs() > 0 ? " (" + Formats.timeSeconds(s.leaderSinceMs(), zone) + ")" : ""));
    out.line("deletes pending:    " + s.pendingOrphanReplicas() + " orphaned, " + s.pendingStaleReplicas()
        + " stale, " + s.pendingCorruptReplicas() + " corrupt replicas (sent, not yet reported done)");
    out.line("reclaimed:          " + s.deletedReplicas() + " replicas, " + sizes.size(s.reclaimedBytes())
        + (sizes.human() ? "" : " bytes") + " since this master leads");
  }

  private static Map<String, Object> json(GcStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paused", s.paused());
    m.put("retention_ms", s.retentionMs());
    m.put("scan_interval_ms", s.scanIntervalMs());
    m.put("leader_since_ms", s.leaderSinceMs());
    m.put("last_scan_at_ms", s.lastScanAtMs());
    m.put("trash_entries", s.trashEntries());
    m.put("next_expiry_at_ms", s.nextExpiryAtMs());
    m.put("purged_entries", s.purgedEntries());
    m.put("pending_orphan_replicas", s.pendingOrphanReplicas());
    m.put("pending_stale_replicas", s.pendingStaleReplicas());
    m.put("pending_corrupt_replicas", s.pendingCorruptReplicas());
    m.put("deleted_replicas", s.deletedReplicas());
    m.put("reclaimed_bytes", s.reclaimedBytes());
    return m;
  }
}
