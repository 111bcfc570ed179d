package gfs.shell.bench;

import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures `gfs bench io` measured, each phase beside the machine limit that bounds it,
 * printed as tables or as JSON. MB = 10^6 bytes throughout.
 */
public final class IoReport {
  /** The phases, in the order they run for each client count. */
  public enum Phase {
    WRITE("write"), READ("read"), APPEND("append");

    final String label;

    Phase(String label) {
      this.label = label;
    }
  }

  /** One phase at one client count; ioBytes per operation (a write, a read, a record). */
  record Run(Phase phase, int clients, long ioBytes, LoadResult load) {
    double bytesPerS() {
      return load.operations() * (double) ioBytes / load.seconds();
    }
  }

  /**
   * What bounds a phase. limit: the raw machine figure (disk write for writes and appends,
   * the lesser of disk read and loopback for reads); bound: what gfs could reach at best,
   * the limit divided by the copies of every byte it must make (the replication factor for
   * writes and appends: every replica is on this machine's one disk).
   */
  record Bound(String limitName, double limitBytesPerS, String boundName, double boundBytesPerS) {}

  /** Memory of one chunkserver process at the end. */
  record ServerMemory(String id, long rssBytes, long peakRssBytes) {}

  private final IoBenchmark.Settings settings;
  private final String root;
  private final List<Run> runs = new ArrayList<>();
  private final List<ServerMemory> memory = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private MachineLimits limits;
  private int replication = 1;
  private int chunkservers;
  private long chunkSizeBytes;

  IoReport(IoBenchmark.Settings settings, String root) {
    this.settings = settings;
    this.root = root;
  }

  void cluster(int chunkservers, int replication, long chunkSizeBytes) {
    this.chunkservers = chunkservers;
    this.replication = Math.max(1, replication);
    this.chunkSizeBytes = chunkSizeBytes;
  }

  void limits(MachineLimits limits) {
    this.limits = limits;
  }

  void add(Run run) {
    runs.add(run);
  }

  void memory(ServerMemory server) {
    memory.add(server);
  }

  void note(String note) {
    notes.add(note);
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  /** The limit and bound of a phase on a machine with these limits, at this replication. */
  static Bound bound(Phase phase, MachineLimits limits, int replication) {
    if (phase == Phase.READ) {
      boolean disk = limits.disk().readBytesPerS() <= limits.loopbackBytesPerS();
      String name = disk ? "disk read" + (limits.disk().coldRead() ? "" : " (warm)") : "loopback";
      double limit = Math.min(limits.disk().readBytesPerS(), limits.loopbackBytesPerS());
      return new Bound(name, limit, name, limit);
    }
    // Every byte goes to `replication` replicas: written that many times to the one disk,
    // and sent that many times over loopback (client -> first -> second -> third).
    boolean disk = limits.disk().writeBytesPerS() <= limits.loopbackBytesPerS();
    double raw = Math.min(limits.disk().writeBytesPerS(), limits.loopbackBytesPerS());
    String name = disk ? "disk write" : "loopback";
    return new Bound("disk write", limits.disk().writeBytesPerS(), name + " / " + replication,
        raw / replication);
  }

  public void print(Output out) {
    if (out.json()) {
      out.json(json());
      return;
    }
    out.line(String.format(Locale.ROOT, "gfs bench io: %d chunkservers, replication %d, chunk"
        + " size %s, %d cores here; files under %s", chunkservers, replication,
        Formats.size(chunkSizeBytes), Runtime.getRuntime().availableProcessors(), root));
    printLimits(out);
    out.line("");
    Table table = new Table().left("PHASE").right("CLIENTS").right("IO").right("MB/S")
        .right("OPS").right("P50 MS").right("P99 MS").right("MAX MS").right("ERRORS")
        .right("OF LIMIT").left("BOUND").right("BOUND MB/S").right("OF BOUND");
    for (Run run : runs) {
      LoadResult r = run.load();
      Bound bound = limits == null ? null : bound(run.phase(), limits, replication);
      table.row(run.phase().label, run.clients(), Formats.size(run.ioBytes()),
          mbps(run.bytesPerS()), String.format(Locale.ROOT, "%,d", r.operations()),
          ms(r.p50Ms()), ms(r.p99Ms()), ms(r.latencies().maxMs()), r.errors(),
          bound == null ? "-" : percent(run.bytesPerS() / bound.limitBytesPerS()),
          bound == null ? "-" : bound.boundName(),
          bound == null ? "-" : mbps(bound.boundBytesPerS()),
          bound == null ? "-" : percent(run.bytesPerS() / bound.boundBytesPerS()));
    }
    out.table(table);
    out.line("(write: each client writes " + Formats.size(settings.writeSizeBytes()) + " to its"
        + " own new file in " + Formats.size(settings.writeIoBytes()) + " writes; read: "
        + Formats.size(settings.readIoBytes()) + " reads at random offsets of the files just"
        + " written, " + settings.durationS() + " s after " + settings.warmupS() + " s of"
        + " warm-up; append: " + Formats.size(settings.recordSizeBytes()) + " records, every"
        + " client to one shared file, as long; MB/s = bytes of operations that succeeded /"
        + " seconds)");
    out.line("(OF LIMIT = MB/s / the raw machine figure: disk write for write and append,"
        + " min(disk read, loopback) for read; OF BOUND = MB/s / what gfs could reach at best:"
        + " for write and append the limit divided by the replication factor " + replication
        + ", since every replica of every byte is written to this one disk and crosses"
        + " loopback once (client -> first -> second -> third replica))");
    if (!memory.isEmpty()) {
      out.line("");
      Table mem = new Table().left("CHUNKSERVER").right("RSS").right("PEAK RSS");
      for (ServerMemory m : memory) {
        mem.row(m.id(), Formats.size(m.rssBytes()), Formats.size(m.peakRssBytes()));
      }
      out.table(mem);
      out.line("(at the end: VmRSS and VmHWM of /proc/PID/status)");
    }
    notes.forEach(note -> out.line("note: " + note));
  }

  private void printLimits(Output out) {
    if (limits == null) {
      return;
    }
    DiskBaseline.Result disk = limits.disk();
    out.line(String.format(Locale.ROOT, "machine limits, measured in this run: disk under %s:"
        + " sequential write %s MB/s (%s in 1 MB writes, then fdatasync), sequential read %s MB/s"
        + " (%s); loopback TCP, one stream: %s MB/s; CRC32C of 64 KB blocks on one core: %s MB/s",
        limits.diskDir(), mbps(disk.writeBytesPerS()), Formats.size(disk.bytes()),
        mbps(disk.readBytesPerS()), disk.readNote(), mbps(limits.loopbackBytesPerS()),
        mbps(limits.crc32cBytesPerS())));
  }

  private Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root", root);
    json.put("chunkservers", chunkservers);
    json.put("replication", replication);
    json.put("chunk_size_bytes", chunkSizeBytes);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    if (limits != null) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("disk_dir", limits.diskDir().toString());
      l.put("disk_bytes", limits.disk().bytes());
      l.put("disk_write_bytes_per_s", Math.round(limits.disk().writeBytesPerS()));
      l.put("disk_read_bytes_per_s", Math.round(limits.disk().readBytesPerS()));
      l.put("disk_read_cold", limits.disk().coldRead());
      l.put("disk_read_note", limits.disk().readNote());
      l.put("loopback_bytes_per_s", Math.round(limits.loopbackBytesPerS()));
      l.put("crc32c_bytes_per_s", Math.round(limits.crc32cBytesPerS()));
      json.put("limits", l);
    }
    List<Object> list = new ArrayList<>();
    for (Run run : runs) {
      LoadResult r = run.load();
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("phase", run.phase().label);
      j.put("clients", run.clients());
      j.put("io_bytes", run.ioBytes());
      j.put("bytes_per_s", Math.round(run.bytesPerS()));
      j.put("operations", r.operations());
      j.put("seconds", r.seconds());
      j.put("p50_ms", r.p50Ms());
      j.put("p99_ms", r.p99Ms());
      j.put("max_ms", r.latencies().maxMs());
      j.put("errors", r.errors());
      if (r.firstError() != null) {
        j.put("first_error", r.firstError());
      }
      if (limits != null) {
        Bound bound = bound(run.phase(), limits, replication);
        j.put("limit", bound.limitName());
        j.put("limit_bytes_per_s", Math.round(bound.limitBytesPerS()));
        j.put("of_limit", run.bytesPerS() / bound.limitBytesPerS());
        j.put("bound", bound.boundName());
        j.put("bound_bytes_per_s", Math.round(bound.boundBytesPerS()));
        j.put("of_bound", run.bytesPerS() / bound.boundBytesPerS());
      }
      list.add(j);
    }
    json.put("runs", list);
    List<Object> mem = new ArrayList<>();
    for (ServerMemory m : memory) {
      mem.add(Map.of("id", m.id(), "rss_bytes", m.rssBytes(), "peak_rss_bytes", m.peakRssBytes()));
    }
    json.put("chunkserver_memory", mem);
    json.put("notes", notes);
    return json;
  }

  static String mbps(double bytesPerS) {
    return String.format(Locale.ROOT, "%,.1f", bytesPerS / 1e6);
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, "%.2f", ms);
  }
}
