package gfs.shell.bench;

import gfs.client.ClusterView;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures `gfs bench meta` measured, printed as tables with units or as JSON. */
public final class MetaReport {
  /** Memory of one master process. */
  public record MasterMemory(String id, String role, ProcessMemory memory) {}

  static final String LOCATE_NOTE = "locate = GetChunkLocations as the client library's"
      + " ChunkLocator sends it (its cache bypassed), on files of one chunk";
  static final String MEMORY_NOTE = "heap = Java heap in use after a full GC (jcmd GC.run,"
      + " GC.heap_info); RSS = VmRSS of /proc/PID/status";

  private final MetaBenchmark.Settings settings;
  private final String root;
  private final List<LoadResult> results = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String leaderId = "";
  private int votingMasters;
  private int shadows;
  private int chunkservers;
  private LoadResult fill;
  private long filesInNamespace;
  private List<MasterMemory> memoryBefore = List.of();
  private List<MasterMemory> memoryAfter = List.of();
  private ShadowLagSampler.Summary shadowLag;
  private RestartProbe.Result restart;
  private FailoverProbe.Result failover;

  MetaReport(MetaBenchmark.Settings settings, String root) {
    this.settings = settings;
    this.root = root;
  }

  void cluster(ClusterView view) {
    leaderId = view.leaderId();
    shadows = (int) view.masters().stream().filter(m -> m.role().equals("LISTENER")).count();
    votingMasters = view.masters().size() - shadows;
    chunkservers = view.chunkservers().size();
  }

  void add(LoadResult result) {
    results.add(result);
  }

  void fill(LoadResult result) {
    fill = result;
  }

  void filesInNamespace(long files) {
    filesInNamespace = files;
  }

  long filesInNamespace() {
    return filesInNamespace;
  }

  void memoryBefore(List<MasterMemory> memory) {
    memoryBefore = List.copyOf(memory);
  }

  void memoryAfter(List<MasterMemory> memory) {
    memoryAfter = List.copyOf(memory);
  }

  void shadowLag(ShadowLagSampler.Summary summary) {
    shadowLag = summary;
  }

  void restart(RestartProbe.Result result) {
    restart = result;
  }

  void failover(FailoverProbe.Result result) {
    failover = result;
  }

  void note(String note) {
    notes.add(note);
  }

  public void print(Output out) {
    if (out.json()) {
      out.json(json());
      return;
    }
    out.line(String.format(Locale.ROOT, "gfs bench meta: %d voting masters%s, %d chunkservers,"
        + " leader %s at the start; %d cores here; namespace under %s", votingMasters,
        shadows > 0 ? " + " + plural(shadows, "shadow") : "", chunkservers, leaderId,
        Runtime.getRuntime().availableProcessors(), root));
    if (fill != null) {
      out.line(String.format(Locale.ROOT, "fill: %,d files created with %d threads in %.1f s"
          + " (%,.0f creates/s, p50 %.2f ms, p99 %.2f ms, %d errors); %,d files in the namespace",
          fill.operations(), fill.threads(), fill.seconds(), fill.perSecond(), fill.p50Ms(),
          fill.p99Ms(), fill.errors(), filesInNamespace));
    }
    out.line("");
    Table table = new Table().left("OPERATION").right("THREADS").right("OPS/S").right("P50 MS")
        .right("P99 MS").right("OPS").right("ERRORS");
    for (LoadResult r : results) {
      table.row(r.what(), r.threads(), String.format(Locale.ROOT, "%,.0f", r.perSecond()),
          ms(r.p50Ms()), ms(r.p99Ms()), String.format(Locale.ROOT, "%,d", r.operations()), r.errors());
    }
    out.table(table);
    out.line("(" + settings.durationS() + " s each after " + settings.warmupS() + " s of warm-up; "
        + LOCATE_NOTE + ")");
    if (!memoryAfter.isEmpty()) {
      out.line("");
      Table memory = new Table().left("MASTER").left("ROLE").right("HEAP BEFORE").right("HEAP AFTER")
          .right("HEAP COMMITTED").right("RSS BEFORE").right("RSS AFTER");
      for (MasterMemory after : memoryAfter) {
        MasterMemory before = memoryBefore.stream().filter(m -> m.id().equals(after.id()))
            .findFirst().orElse(null);
        memory.row(after.id(), after.role(),
            before == null ? "-" : Formats.size(before.memory().heapUsedBytes()),
            Formats.size(after.memory().heapUsedBytes()),
            Formats.size(after.memory().heapCommittedBytes()),
            before == null ? "-" : Formats.size(before.memory().rssBytes()),
            Formats.size(after.memory().rssBytes()));
      }
      out.table(memory);
      out.line("(before = before the fill, after = with " + String.format(Locale.ROOT, "%,d",
          filesInNamespace) + " files; " + MEMORY_NOTE + ")");
    }
    out.line("");
    out.line("shadow lag under load: " + (shadowLag == null ? "no shadow in this cluster"
        : "median " + plural(shadowLag.medianEntries(), "entry") + ", max "
            + plural(shadowLag.maxEntries(), "entry") + " (" + shadowLag.samples()
            + " samples, leader applied index minus shadow applied index)"));
    if (restart != null) {
      out.line(String.format(Locale.ROOT, "restart of %d masters holding %,d files, after"
          + " launching them: first stat answered by any master %.2f s, by the leader %.2f s,"
          + " first create acknowledged %.2f s", restart.masters(), filesInNamespace,
          restart.firstStaleStatMs() / 1e3, restart.firstStatMs() / 1e3,
          restart.firstCreateMs() / 1e3));
    }
    if (failover != null) {
      out.line(String.format(Locale.ROOT, "failover, %s of the leader: kill to first"
          + " acknowledged create median %.2f s, max %.2f s (samples ms: %s; %d failed attempts)",
          plural(failover.samplesMs().size(), "SIGKILL"), failover.medianMs() / 1e3,
          failover.maxMs() / 1e3, failover.samplesMs(), failover.failedAttempts()));
    }
    notes.forEach(note -> out.line("note: " + note));
  }

  private Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root", root);
    json.put("voting_masters", votingMasters);
    json.put("shadows", shadows);
    json.put("chunkservers", chunkservers);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("files_in_namespace", filesInNamespace);
    if (fill != null) {
      json.put("fill", json(fill));
    }
    List<Object> runs = new ArrayList<>();
    results.forEach(r -> runs.add(json(r)));
    json.put("runs", runs);
    json.put("memory_before", memoryJson(memoryBefore));
    json.put("memory_after", memoryJson(memoryAfter));
    if (shadowLag != null) {
      json.put("shadow_lag_entries", Map.of("median", shadowLag.medianEntries(),
          "max", shadowLag.maxEntries(), "samples", shadowLag.samples()));
    }
    if (restart != null) {
      json.put("restart", Map.of("masters", restart.masters(), "first_stale_stat_ms",
          restart.firstStaleStatMs(), "first_leader_stat_ms", restart.firstStatMs(),
          "first_create_ms", restart.firstCreateMs()));
    }
    if (failover != null) {
      json.put("failover", Map.of("samples_ms", failover.samplesMs(), "median_ms",
          failover.medianMs(), "max_ms", failover.maxMs(), "failed_attempts",
          failover.failedAttempts()));
    }
    json.put("notes", notes);
    return json;
  }

  private static Map<String, Object> json(LoadResult r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("operation", r.what());
    json.put("threads", r.threads());
    json.put("ops_per_s", Math.round(r.perSecond()));
    json.put("p50_ms", r.p50Ms());
    json.put("p99_ms", r.p99Ms());
    json.put("operations", r.operations());
    json.put("errors", r.errors());
    json.put("seconds", r.seconds());
    if (r.firstError() != null) {
      json.put("first_error", r.firstError());
    }
    return json;
  }

  private static List<Object> memoryJson(List<MasterMemory> memory) {
    List<Object> list = new ArrayList<>();
    for (MasterMemory m : memory) {
      list.add(Map.of("id", m.id(), "role", m.role(), "heap_used_bytes", m.memory().heapUsedBytes(),
          "heap_committed_bytes", m.memory().heapCommittedBytes(), "rss_bytes", m.memory().rssBytes()));
    }
    return list;
  }

  /** "1 entry", "1,074 entries", "2 shadows". */
  static String plural(long count, String noun) {
    String many = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : many);
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms);
  }
}
