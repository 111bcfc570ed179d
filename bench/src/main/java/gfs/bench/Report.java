package gfs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The result of a comparison: one line per row with its figures, ratios and verdict, as
 * Markdown or JSON.
 */
final class Report {
  /** The figures of one row, as the table shows them. Medians are NaN where not measured. */
  record Line(Rows.RowSpec spec, Measurements.Samples hdfs, Measurements.Samples gfs,
      Measurements.Samples machine, double ratio, double boundValue, double hdfsOfBound,
      double gfsOfBound, String target, Boolean met) {
    long errors(SystemName system) {
      Measurements.Samples samples = system == SystemName.HDFS ? hdfs : gfs;
      return samples == null ? 0 : samples.errors;
    }
  }

  private final Settings settings;
  private final List<Line> lines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  private final String machine = machineDescription();

  Report(Settings settings, List<Rows.RowSpec> rows, Measurements measurements,
      String dropFailure) {
    this.settings = settings;
    for (Rows.RowSpec spec : rows) {
      lines.add(line(spec, measurements));
    }
    notes.add("figures: median of " + settings.runs() + (settings.runs() == 1 ? " run" : " runs")
        + " (min-max beside it); MB/s = 10^6 bytes per second; ratios: gfs / HDFS of the medians,"
        + " and each median over the machine limit that bounds it (disk write / 3: three replicas"
        + " share this one disk)");
    notes.add("page cache: " + (dropFailure == null ? "dropping it was permitted"
        : "dropping it was not permitted (" + dropFailure + ")"));
    notes.add("HDFS: MiniDFSCluster 3.4.3 (1 NameNode, 3 DataNodes, replication 3) in one child"
        + " JVM with -Xmx" + settings.hdfsHeap() + "; its heap and RSS are the whole child's"
        + " (NameNode and DataNodes); its restart is the NameNode's alone inside the running JVM"
        + " (no JVM start), timed from the old NameNode's stop; safe mode extension 0");
    notes.add("gfs: ./gfs local --masters 3 --shadows 0 --chunkservers 3 (replication 3), each"
        + " server its own JVM; heap and RSS are the leader's; the restart stops all three"
        + " masters and launches them at once, timed from the launch (JVM start included)");
    for (SystemName system : List.of(SystemName.HDFS, SystemName.GFS)) {
      for (Line line : lines) {
        Measurements.Samples samples = system == SystemName.HDFS ? line.hdfs : line.gfs;
        if (samples != null && samples.firstError != null) {
          notes.add(system.label + " " + line.spec.id() + ": " + samples.errors
              + " errors, first: " + samples.firstError);
        }
      }
    }
    notes.addAll(measurements.notes());
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  private static Line line(Rows.RowSpec spec, Measurements m) {
    Measurements.Samples hdfs = m.get(spec.id(), SystemName.HDFS);
    Measurements.Samples gfs = m.get(spec.id(), SystemName.GFS);
    Measurements.Samples machine = m.get(spec.id(), SystemName.MACHINE);
    double h = hdfs == null ? Double.NaN : hdfs.median();
    double g = gfs == null ? Double.NaN : gfs.median();
    double ratio = g / h;
    double bound = spec.bound().value(m);
    double hdfsOfBound = h / bound;
    double gfsOfBound = g / bound;
    String target = spec.targets().stream().map(t -> t.label(spec.unit()))
        .collect(Collectors.joining("; "));
    Boolean met = null;
    if (!spec.targets().isEmpty()) {
      met = Boolean.TRUE;
      for (Target t : spec.targets()) {
        Boolean one = t.met(g, ratio, gfsOfBound);
        if (one == null) {
          met = null;
          break;
        }
        met = met && one;
      }
    }
    return new Line(spec, hdfs, gfs, machine, ratio, bound, hdfsOfBound, gfsOfBound, target, met);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("**Date**: ").append(date).append(". **Machine**: ").append(machine).append(".\n");
    out.append("**Command**: `").append(settings.command()).append("`\n\n");
    out.append("| figure | unit | HDFS | gfs | gfs / HDFS | bound | HDFS of bound | gfs of bound"
        + " | target | met | errors HDFS / gfs |\n");
    out.append("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- | ---: |\n");
    for (Line line : lines) {
      Rows.RowSpec spec = line.spec;
      String bound;
      if (spec.machine()) {
        bound = cell(line.machine, null, spec.unit());
      } else if (spec.bound() == Bound.NONE) {
        bound = "";
      } else {
        bound = spec.bound().label + " = " + Figures.number(line.boundValue, Figures.MB_S);
      }
      out.append("| ").append(spec.label())
          .append(" | ").append(spec.unit())
          .append(" | ").append(spec.machine() ? ""
              : cell(line.hdfs, spec.notApplicable(SystemName.HDFS), spec.unit()))
          .append(" | ").append(spec.machine() ? ""
              : cell(line.gfs, spec.notApplicable(SystemName.GFS), spec.unit()))
          .append(" | ").append(spec.machine() ? "" : Figures.ratio(line.ratio))
          .append(" | ").append(bound)
          .append(" | ").append(spec.bound() == Bound.NONE ? "" : Figures.percent(line.hdfsOfBound))
          .append(" | ").append(spec.bound() == Bound.NONE ? "" : Figures.percent(line.gfsOfBound))
          .append(" | ").append(line.target)
          .append(" | ").append(line.target.isEmpty() ? "" : line.met == null ? "—"
              : line.met ? "MET" : "MISSED")
          .append(" | ").append(spec.machine() ? "" : line.errors(SystemName.HDFS) + " / "
              + line.errors(SystemName.GFS))
          .append(" |\n");
    }
    out.append('\n');
    for (String note : notes) {
      out.append("- ").append(note.replace("\n", " ")).append('\n');
    }
    return out.toString();
  }

  /** "median (min-max)", "n/a: why", or "—" when not measured. */
  private static String cell(Measurements.Samples samples, String notApplicable, String unit) {
    if (notApplicable != null) {
      return "n/a: " + notApplicable;
    }
    if (samples == null || samples.values.isEmpty()) {
      return "—";
    }
    String median = Figures.number(samples.median(), unit);
    if (samples.values.size() == 1) {
      return median;
    }
    return median + " (" + Figures.number(samples.min(), unit) + "-"
        + Figures.number(samples.max(), unit) + ")";
  }

  String json() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"date\": ").append(Json.string(date)).append(",\n");
    out.append("  \"machine\": ").append(Json.string(machine)).append(",\n");
    out.append("  \"command\": ").append(Json.string(settings.command())).append(",\n");
    out.append("  \"runs\": ").append(settings.runs()).append(",\n");
    out.append("  \"rows\": [\n");
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      Rows.RowSpec spec = line.spec;
      out.append("    {\"id\": ").append(Json.string(spec.id()))
          .append(", \"figure\": ").append(Json.string(spec.label()))
          .append(", \"unit\": ").append(Json.string(spec.unit()));
      if (spec.machine()) {
        out.append(", \"machine\": ").append(Json.samples(line.machine, null));
      } else {
        out.append(", \"hdfs\": ").append(Json.samples(line.hdfs, spec.notApplicable(SystemName.HDFS)))
            .append(", \"gfs\": ").append(Json.samples(line.gfs, spec.notApplicable(SystemName.GFS)))
            .append(", \"gfsOverHdfs\": ").append(Json.number(line.ratio));
      }
      if (spec.bound() != Bound.NONE) {
        out.append(", \"bound\": ").append(Json.string(spec.bound().label))
            .append(", \"boundValue\": ").append(Json.number(line.boundValue))
            .append(", \"hdfsOfBound\": ").append(Json.number(line.hdfsOfBound))
            .append(", \"gfsOfBound\": ").append(Json.number(line.gfsOfBound));
      }
      if (!line.target.isEmpty()) {
        out.append(", \"target\": ").append(Json.string(line.target))
            .append(", \"met\": ").append(line.met == null ? "null" : line.met.toString());
      }
      out.append('}').append(i + 1 < lines.size() ? ",\n" : "\n");
    }
    out.append("  ],\n  \"notes\": [");
    out.append(notes.stream().map(Json::string).collect(Collectors.joining(", ")));
    out.append("]\n}\n");
    return out.toString();
  }

  /** nproc, RAM, kernel, JDK. */
  static String machineDescription() {
    long memKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      memKb = 0;
    }
    String load;
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
          .trim().split("\\s+");
      load = fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      load = "unknown";
    }
    // The load at the end tells whether something else shared the cores during the run.
    return String.format(Locale.ROOT, "nproc %d, %s RAM, %s %s kernel %s, JDK %s %s,"
        + " load average at the end %s",
        Runtime.getRuntime().availableProcessors(),
        memKb == 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memKb / 1024.0 / 1024.0),
        System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("os.version"), System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), load);
  }
}
