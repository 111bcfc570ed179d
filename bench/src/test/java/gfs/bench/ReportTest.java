package gfs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table's arithmetic on made-up figures: medians, ratios, bounds and verdicts. */
class ReportTest {
  private static Settings settings(int runs) {
    return new Settings(runs, Phase.parse(List.of()), Path.of("/tmp/x"), false, "bench/run.sh",
        1 << 30, 1 << 30, 1 << 30, 0, 1 << 30, 1 << 20, List.of(4, 8), 4 << 20, List.of(4, 8),
        10, 2, 8, List.of(1024L, 65536L), List.of(1, 8, 32), 20_000, 100, 64, 1, 1_000_000, 32,
        "2g", 1800, 3600);
  }

  private static Report.Line line(Report report, String id) {
    return report.lines().stream().filter(l -> l.spec().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void medianOfThreeRunsWithRangeAndRatioToHdfsAndBound() {
    Measurements m = new Measurements();
    m.add(Rows.LIMIT_DISK_WRITE, SystemName.MACHINE, 600);
    for (double v : new double[] {100, 300, 200}) {
      m.add(Rows.WRITE_ONE, SystemName.HDFS, v);
    }
    for (double v : new double[] {180, 170, 190}) {
      m.add(Rows.WRITE_ONE, SystemName.GFS, v);
    }
    Report report = new Report(settings(3), Rows.all(settings(3), "dropped", null), m, null);
    Report.Line write = line(report, Rows.WRITE_ONE);
    assertEquals(0.9, write.ratio(), 1e-9);
    assertEquals(200, write.boundValue(), 1e-9); // 600 / 3 replicas
    assertEquals(0.9, write.gfsOfBound(), 1e-9);
    assertEquals(Boolean.FALSE, write.met()); // 0.9x HDFS < 1.5x, though 90% of the bound
    String table = report.markdown();
    assertTrue(table.contains("| 200.0 (100.0-300.0) | 180.0 (170.0-190.0) | 0.90 |"), table);
    assertTrue(table.contains("MISSED"));
  }

  @Test
  void absoluteTargetsAndRowsThatDoNotApply() {
    Measurements m = new Measurements();
    m.add(Rows.FAILOVER, SystemName.GFS, 1.5);
    m.add(Rows.RESTART_STAT, SystemName.GFS, 4);
    m.add(Rows.RESTART_STAT, SystemName.HDFS, 2);
    Report report = new Report(settings(1), Rows.all(settings(1), "dropped", "not root"), m,
        "not root");
    assertEquals(Boolean.TRUE, line(report, Rows.FAILOVER).met());
    assertEquals(Boolean.FALSE, line(report, Rows.RESTART_STAT).met());
    assertNull(line(report, Rows.WRITE_ONE).met()); // not measured: not judged
    String table = report.markdown();
    assertTrue(table.contains("n/a: one NameNode without HA"));
    assertTrue(table.contains("n/a: page cache not dropped (not root)"));
    assertTrue(report.json().contains("\"met\": true"));
  }

  @Test
  void phasesByName() {
    assertEquals(Set.of(Phase.LIMITS, Phase.GFS_META), Phase.parse(List.of("limits", "gfs-meta")));
    assertThrows(IllegalArgumentException.class, () -> Phase.parse(List.of("hdfs-append")));
    assertFalse(Phase.anyOf(Set.of(Phase.LIMITS), SystemName.GFS));
  }
}
