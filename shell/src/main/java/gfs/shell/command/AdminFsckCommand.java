package gfs.shell.command;

import gfs.client.FsckReport;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.Main;
import gfs.shell.UsageException;
import gfs.shell.output.AdminViews;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fsck", mixinStandardHelpOptions = false,
    description = {"Checks the chunks of PATH (a file, or a directory and everything below it; default /,"
        + " deleted files excluded: check them with /.trash) against their replication goal, as the"
        + " master leader knows their replicas: under-replicated, missing (no live up-to-date replica)"
        + " and corrupt chunks (only replicas that failed a checksum left), with the files they belong to.",
        "Lists the files with such chunks, then a summary. Exit code 0 when HEALTHY (under-replicated"
            + " chunks are being repaired), 1 when some chunk is missing or corrupt, as `hdfs fsck`."})
public final class AdminFsckCommand extends ClientCommand {
  static final int MAX_ENTRIES = 10_000;

  @Mixin HumanSizeOption sizes;
  @Mixin HelpOnlyLong help;

  @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = "/",
      description = "File or directory to check (default: /).")
  String path;

  @Option(names = {"-files", "--files"}, description = "List every file checked, not only those with problems.")
  boolean files;

  @Option(names = {"-chunks", "--chunks"}, description = "List every chunk of each listed file (implies -files).")
  boolean chunks;

  @Option(names = {"-locations", "--locations"},
      description = "List the replicas of each listed chunk: chunkserver, rack, state (implies -chunks).")
  boolean locations;

  @Option(names = "--max-entries", paramLabel = "N", defaultValue = "1000",
      description = "Files plus chunks listed at most, 1.." + MAX_ENTRIES + " (default: ${DEFAULT-VALUE});"
          + " the summary counts everything.")
  int maxEntries;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw new UsageException("--max-entries must be within 1.." + MAX_ENTRIES + ", not " + maxEntries);
    }
  }

  FsckReport.Detail detail() {
    return locations ? FsckReport.Detail.LOCATIONS : chunks ? FsckReport.Detail.CHUNKS
        : files ? FsckReport.Detail.FILES : FsckReport.Detail.PROBLEMS;
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FsckReport report = client.admin().fsck(path, detail(), maxEntries);
    if (out.json()) {
      out.json(json(report));
    } else {
      for (FsckReport.File file : report.files()) {
        printFile(out, file);
      }
      if (report.truncated()) {
        out.line("(listing stopped after " + maxEntries + " entries; the summary counts everything:"
            + " narrow PATH or raise --max-entries)");
      }
      if (!report.files().isEmpty() || report.truncated()) {
        out.line("");
      }
      summary(report, sizes).forEach(out::line);
    }
    if (!report.healthy()) {
      exitWith(Main.EXIT_FAILED);
    }
  }

  private void printFile(Output out, FsckReport.File file) {
    out.line(file.path() + "  " + sizes.size(file.length()) + (sizes.human() ? "" : " bytes") + ", replication "
        + file.replication() + ", " + file.chunkCount() + (file.chunkCount() == 1 ? " chunk: " : " chunks: ")
        + file.health());
    if (file.chunks().isEmpty()) {
      return;
    }
    Table table = new Table().right("INDEX").left("CHUNK").right("VERSION").right("LENGTH").right("LIVE")
        .right("GOAL").left("HEALTH").left("REPLICAS");
    for (FsckReport.Chunk chunk : file.chunks()) {
      table.row(chunk.index(), AdminViews.handle(chunk.handle()), chunk.version(), sizes.size(chunk.length()),
          chunk.liveReplicas(), chunk.goal(), chunk.health(), replicas(chunk));
    }
    table.lines().forEach(line -> out.line("  " + line));
  }

  /** The replicas with their state, or the counts of the bad ones without -locations. */
  private String replicas(FsckReport.Chunk chunk) {
    if (!chunk.replicas().isEmpty()) {
      return chunk.replicas().stream()
          .map(r -> r.chunkserverId() + (r.rack().isEmpty() ? "" : "/" + r.rack()) + " " + r.state())
          .collect(Collectors.joining(", "));
    }
    List<String> notes = new ArrayList<>();
    if (chunk.corruptReplicas() > 0) {
      notes.add(chunk.corruptReplicas() + " corrupt");
    }
    if (chunk.staleReplicas() > 0) {
      notes.add(chunk.staleReplicas() + " stale");
    }
    if (chunk.decommissioningReplicas() > 0) {
      notes.add(chunk.decommissioningReplicas() + " decommissioning");
    }
    if (chunk.deadReplicas() > 0) {
      notes.add(chunk.deadReplicas() + " on dead chunkservers");
    }
    return notes.isEmpty() ? "-" : String.join(", ", notes);
  }

  static List<String> summary(FsckReport report, HumanSizeOption sizes) {
    FsckReport.Summary s = report.summary();
    String status = status(report);
    List<String> lines = new ArrayList<>();
    lines.add("Status: " + status);
    lines.add(" path:                      " + report.path());
    lines.add(" files:                     " + s.files());
    lines.add(" directories:               " + s.directories());
    lines.add(" total size:                " + sizes.size(s.bytes()) + (sizes.human() ? "" : " bytes"));
    lines.add(" chunks:                    " + s.chunks());
    lines.add(" healthy chunks:            " + s.healthyChunks());
    lines.add(" under-replicated chunks:   " + s.underReplicatedChunks());
    lines.add(" over-replicated chunks:    " + s.overReplicatedChunks());
    lines.add(" missing chunks:            " + s.missingChunks());
    lines.add(" corrupt chunks:            " + s.corruptChunks());
    lines.add(" corrupt replicas:          " + s.corruptReplicas());
    lines.add(" stale replicas:            " + s.staleReplicas());
    lines.add(" decommissioning replicas:  " + s.decommissioningReplicas());
    lines.add(" average live replication:  " + average(s.liveReplicas(), s.chunks()) + " (goal "
        + average(s.replicaGoal(), s.chunks()) + ")");
    lines.add(" chunkservers:              " + report.liveChunkservers() + " live, " + report.deadChunkservers()
        + " dead");
    lines.add("The filesystem under path '" + report.path() + "' is " + status);
    return lines;
  }

  static String status(FsckReport report) {
    return report.healthy() ? "HEALTHY" : "CORRUPT";
  }

  private static String average(long total, long chunks) {
    return chunks == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) total / chunks);
  }

  private static Map<String, Object> json(FsckReport report) {
    FsckReport.Summary s = report.summary();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", s.files());
    summary.put("directories", s.directories());
    summary.put("bytes", s.bytes());
    summary.put("chunks", s.chunks());
    summary.put("healthy_chunks", s.healthyChunks());
    summary.put("under_replicated_chunks", s.underReplicatedChunks());
    summary.put("over_replicated_chunks", s.overReplicatedChunks());
    summary.put("missing_chunks", s.missingChunks());
    summary.put("corrupt_chunks", s.corruptChunks());
    summary.put("corrupt_replicas", s.corruptReplicas());
    summary.put("stale_replicas", s.staleReplicas());
    summary.put("decommissioning_replicas", s.decommissioningReplicas());
    summary.put("live_replicas", s.liveReplicas());
    summary.put("replica_goal", s.replicaGoal());
    List<Object> files = new ArrayList<>();
    for (FsckReport.File file : report.files()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", file.path());
      f.put("length", file.length());
      f.put("replication", file.replication());
      f.put("chunk_count", file.chunkCount());
      f.put("health", file.health());
      List<Object> chunks = new ArrayList<>();
      for (FsckReport.Chunk chunk : file.chunks()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("index", chunk.index());
        c.put("handle", AdminViews.handle(chunk.handle()));
        c.put("version", chunk.version());
        c.put("length", chunk.length());
        c.put("goal", chunk.goal());
        c.put("live_replicas", chunk.liveReplicas());
        c.put("corrupt_replicas", chunk.corruptReplicas());
        c.put("stale_replicas", chunk.staleReplicas());
        c.put("decommissioning_replicas", chunk.decommissioningReplicas());
        c.put("dead_replicas", chunk.deadReplicas());
        c.put("health", chunk.health());
        List<Object> replicas = new ArrayList<>();
        for (FsckReport.Replica r : chunk.replicas()) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("chunkserver", r.chunkserverId());
          e.put("address", r.address());
          e.put("rack", r.rack());
          e.put("version", r.version());
          e.put("state", r.state());
          replicas.add(e);
        }
        c.put("replicas", replicas);
        chunks.add(c);
      }
      f.put("chunks", chunks);
      files.add(f);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", report.path());
    m.put("status", status(report));
    m.put("healthy", report.healthy());
    m.put("summary", summary);
    m.put("files", files);
    m.put("truncated", report.truncated());
    m.put("live_chunkservers", report.liveChunkservers());
    m.put("dead_chunkservers", report.deadChunkservers());
    return m;
  }
}
