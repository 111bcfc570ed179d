package gfs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The comparison end to end with tiny sizes: a real HDFS MiniDFSCluster in its child JVM and a
 * real ./gfs local cluster, every phase once. Checks what a user reads in the table: every row
 * is there, with a positive figure for both systems or n/a where the issue says so, and the
 * ratios agree with the figures. Not a timed test: nothing is asserted about speed.
 */
class CompareSmokeIT {
  @TempDir
  Path workDir;

  @Test
  void everyRowHasAFigureForBothSystemsOrSaysWhyNot() throws Exception {
    String[] args = {"--runs", "1", "--work-dir", workDir.toString(),
        "--limit-size", "32MiB", "--loopback-size", "128MiB", "--crc-size", "128MiB",
        "--write-warmup", "8MiB", "--write-size", "8MiB", "--read-seconds", "1",
        "--warmup-seconds", "0", "--meta-files", "200", "--meta-dirs", "10",
        "--located-files", "8", "--restart-files", "1000", "--fill-threads", "8",
        "--failover-kills", "1"};
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    CompareCommand command = new CompareCommand(args,
        new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, new CommandLine(command).execute(args));
    String table = stdout.toString(StandardCharsets.UTF_8);
    System.err.println(table);
    Report report = command.report();
    assertNotNull(report);
    List<Report.Line> lines = report.lines();
    assertFalse(lines.isEmpty());
    for (Report.Line line : lines) {
      Rows.RowSpec spec = line.spec();
      assertTrue(table.contains("| " + spec.label() + " |"), "row missing: " + spec.label());
      if (spec.machine()) {
        assertTrue(line.machine() != null && line.machine().median() > 0,
            "no machine figure for " + spec.id());
        continue;
      }
      double hdfs = figure(line, SystemName.HDFS, line.hdfs());
      double gfs = figure(line, SystemName.GFS, line.gfs());
      if (!Double.isNaN(hdfs) && !Double.isNaN(gfs)) {
        assertEquals(gfs / hdfs, line.ratio(), 1e-9 * Math.abs(line.ratio()), spec.id());
        assertTrue(table.contains(Figures.ratio(line.ratio())), spec.id());
      }
      if (spec.bound() != Bound.NONE && !Double.isNaN(gfs)) {
        assertTrue(line.boundValue() > 0, "no bound for " + spec.id());
        assertEquals(gfs / line.boundValue(), line.gfsOfBound(), 1e-9, spec.id());
      }
      if (!spec.targets().isEmpty() && !Double.isNaN(gfs)
          && (!Double.isNaN(hdfs) || spec.notApplicable(SystemName.HDFS) != null)) {
        assertNotNull(line.met(), "target of " + spec.id() + " not judged");
        assertTrue(table.contains(line.met() ? "MET" : "MISSED"), spec.id());
      }
    }
    for (String id : List.of(Rows.append(1024), Rows.append(64 << 10), Rows.FAILOVER)) {
      assertTrue(table.contains("n/a: "), id);
    }
    String json = report.json();
    for (Report.Line line : lines) {
      assertTrue(json.contains("\"id\": \"" + line.spec().id() + "\""), line.spec().id());
    }
    assertTrue(Files.isDirectory(workDir.resolve("hdfs")), "HDFS data not under the work directory");
  }

  /**
   * The median of a system's figure: positive (the heap growth may be anything), or NaN where
   * the row says n/a for this system, with the reason in the table.
   */
  private static double figure(Report.Line line, SystemName system, Measurements.Samples samples) {
    String id = line.spec().id();
    String notApplicable = line.spec().notApplicable(system);
    if (notApplicable != null) {
      return Double.NaN;
    }
    assertNotNull(samples, system.label + " has no figure for " + id);
    assertFalse(samples.values.isEmpty(), system.label + " has no figure for " + id
        + (samples.firstError == null ? "" : " (" + samples.firstError + ")"));
    double median = samples.median();
    if (!id.equals(Rows.HEAP_GROWTH)) {
      assertTrue(median > 0, system.label + " " + id + " = " + median);
    }
    return median;
  }
}
