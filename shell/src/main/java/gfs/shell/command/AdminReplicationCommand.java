package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.client.ReplicationStatus;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replication", mixinStandardHelpOptions = true,
    description = {"Shows the master leader's re-replication queue as its last scan left it, by priority:"
        + " chunks a client waits for first, then those missing the most replicas, live files before"
        + " deleted ones, surplus replicas last; then the most urgent chunks and the clones under way.",
        "Missing chunks (no live replica) have nothing to copy from and are not queued: see"
            + " `gfs admin fsck` for the files they belong to."})
public final class AdminReplicationCommand extends ClientCommand {
  static final int MAX_ENTRIES = 10_000;

  @Parameters(paramLabel = "ACTION", description = "status.")
  String action;

  @Option(names = "--max-entries", paramLabel = "N", defaultValue = "20",
      description = "Queued chunks listed at most, 1.." + MAX_ENTRIES + " (default: ${DEFAULT-VALUE}).")
  int maxEntries;

  @Override
  protected void validate() throws UsageException {
    AdminActions.check("replication", action, List.of("status"));
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw new UsageException("--max-entries must be within 1.." + MAX_ENTRIES + ", not " + maxEntries);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    ReplicationStatus s = client.admin().replicationStatus(maxEntries);
    if (out.json()) {
      out.json(json(s));
      return;
    }
    out.line("re-replication: " + (s.paused() ? "PAUSED (safe mode)" : "running"));
    out.line("last scan:      " + (s.scannedAtMs() > 0 ? Formats.timeSeconds(s.scannedAtMs(), ZoneId.systemDefault())
        : "none yet since this master leads") + ", every " + s.scanIntervalMs() + " ms");
    out.line("chunks:         " + s.underReplicatedChunks() + " under-replicated (" + s.missingChunks()
        + " of them missing: no live replica to copy from), " + s.overReplicatedChunks() + " over-replicated");
    out.line("queue:          " + s.queuedChunks() + " chunks; clones at most " + s.maxClones() + " at once, "
        + s.maxClonesPerServer() + " per chunkserver");
    out.line("");
    if (s.levels().isEmpty()) {
      out.line("QUEUE: empty");
    } else {
      printQueue(out, s);
    }
    out.line("");
    out.line("CLONES IN FLIGHT (" + s.clones().size() + ")");
    if (!s.clones().isEmpty()) {
      out.table(AdminViews.clonesTable(s.clones()));
    }
  }

  private static void printQueue(Output out, ReplicationStatus s) {
    out.line("PRIORITIES");
    Table levels = new Table().right("PRIORITY").right("CHUNKS").left("WHY");
    for (ReplicationStatus.Level level : s.levels()) {
      levels.row(level.priority(), level.chunks(), why(level));
    }
    out.table(levels);
    out.line("");
    out.line("QUEUE (" + Math.min(s.queuedChunks(), s.queue().size()) + " of " + s.queuedChunks()
        + ", most urgent first)");
    Table queue = new Table().right("PRIORITY").left("CHUNK").right("VERSION").right("LIVE").right("GOAL")
        .left("CLONING");
    for (ReplicationStatus.QueuedChunk q : s.queue()) {
      queue.row(q.priority(), AdminViews.handle(q.handle()), q.version(), q.liveReplicas(), q.goal(),
          q.cloneInFlight() ? "yes" : "no");
    }
    out.table(queue);
  }

  /** "a client waits, 1 replica missing", "2 replicas missing, deleted files only", "1 surplus replica". */
  static String why(ReplicationStatus.Level level) {
    int n = Math.abs(level.missingReplicas());
    String text = level.missingReplicas() >= 0
        ? n + (n == 1 ? " replica missing" : " replicas missing")
        : n + (n == 1 ? " surplus replica" : " surplus replicas");
    if (level.blocked()) {
      text = "a client waits, " + text;
    }
    return level.deleted() ? text + ", deleted files only" : text;
  }

  private static Map<String, Object> json(ReplicationStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paused", s.paused());
    m.put("scanned_at_ms", s.scannedAtMs());
    m.put("scan_interval_ms", s.scanIntervalMs());
    m.put("under_replicated_chunks", s.underReplicatedChunks());
    m.put("missing_chunks", s.missingChunks());
    m.put("over_replicated_chunks", s.overReplicatedChunks());
    m.put("queued_chunks", s.queuedChunks());
    m.put("max_clones", s.maxClones());
    m.put("max_clones_per_server", s.maxClonesPerServer());
    List<Object> levels = new ArrayList<>();
    for (ReplicationStatus.Level level : s.levels()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("priority", level.priority());
      e.put("chunks", level.chunks());
      e.put("blocked", level.blocked());
      e.put("missing_replicas", level.missingReplicas());
      e.put("deleted", level.deleted());
      e.put("why", why(level));
      levels.add(e);
    }
    m.put("levels", levels);
    List<Object> queue = new ArrayList<>();
    for (ReplicationStatus.QueuedChunk q : s.queue()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("priority", q.priority());
      e.put("handle", AdminViews.handle(q.handle()));
      e.put("version", q.version());
      e.put("live_replicas", q.liveReplicas());
      e.put("goal", q.goal());
      e.put("blocked", q.blocked());
      e.put("deleted", q.deleted());
      e.put("clone_in_flight", q.cloneInFlight());
      queue.add(e);
    }
    m.put("queue", queue);
    m.put("clones", AdminViews.clones(s.clones()));
    return m;
  }
}
