package gfs.shell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.output.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratio math of `gfs bench io`: each phase against the machine limit that bounds it. */
class IoReportTest {
  private static final double MB = 1e6;

  private static MachineLimits limits(double diskWrite, double diskRead, boolean cold,
      double loopback) {
    return new MachineLimits(new DiskBaseline.Result(1L << 30, diskWrite, diskRead, cold, "note"),
        Path.of("/data"), loopback, 4_000 * MB);
  }

  private static IoBenchmark.Settings settings() {
    return new IoBenchmark.Settings(List.of(1, 2), 64L << 20, 1L << 20, 4L << 20, 64L << 10, 5,
        2, 60, 256L << 20, 0);
  }

  /** A run of ops operations of ioBytes over seconds, with every latency 2 ms. */
  private static LoadResult load(String what, int clients, long ops, double seconds) {
    LatencyHistogram latencies = new LatencyHistogram();
    for (long i = 0; i < ops; i++) {
      latencies.recordNanos(2_000_000);
    }
    return new LoadResult(what, clients, ops, 0, seconds, latencies, null);
  }

  @Test
  void writesAreBoundedByTheDiskDividedByTheReplication() {
    IoReport.Bound bound = IoReport.bound(IoReport.Phase.WRITE, limits(600 * MB, 1_200 * MB,
        true, 1_700 * MB), 3);
    assertEquals("disk write", bound.limitName());
    assertEquals(600 * MB, bound.limitBytesPerS(), 1);
    assertEquals("disk write / 3", bound.boundName());
    assertEquals(200 * MB, bound.boundBytesPerS(), 1);
    assertEquals(bound, IoReport.bound(IoReport.Phase.APPEND, limits(600 * MB, 1_200 * MB,
        true, 1_700 * MB), 3));
  }

  @Test
  void aSlowLoopbackBoundsWritesWhenItIsBelowTheDisk() {
    IoReport.Bound bound = IoReport.bound(IoReport.Phase.WRITE, limits(900 * MB, 1_200 * MB,
        true, 300 * MB), 2);
    assertEquals(900 * MB, bound.limitBytesPerS(), 1);
    assertEquals("loopback / 2", bound.boundName());
    assertEquals(150 * MB, bound.boundBytesPerS(), 1);
  }

  @Test
  void readsAreBoundedByTheLesserOfDiskReadAndLoopback() {
    IoReport.Bound disk = IoReport.bound(IoReport.Phase.READ, limits(600 * MB, 1_200 * MB,
        true, 1_700 * MB), 3);
    assertEquals("disk read", disk.boundName());
    assertEquals(1_200 * MB, disk.boundBytesPerS(), 1);
    assertEquals(disk.limitBytesPerS(), disk.boundBytesPerS());
    IoReport.Bound loopback = IoReport.bound(IoReport.Phase.READ, limits(600 * MB, 5_000 * MB,
        false, 1_700 * MB), 3);
    assertEquals("loopback", loopback.boundName());
    assertEquals(1_700 * MB, loopback.boundBytesPerS(), 1);
    assertEquals("disk read (warm)", IoReport.bound(IoReport.Phase.READ,
        limits(600 * MB, 1_000 * MB, false, 1_700 * MB), 3).boundName());
  }

  @Test
  void aRunsRateIsTheBytesOfItsOperationsPerSecond() {
    IoReport.Run run = new IoReport.Run(IoReport.Phase.WRITE, 2, 1L << 20,
        load("write", 2, 128, 4.0));
    assertEquals(128 * (double) (1 << 20) / 4.0, run.bytesPerS(), 1e-6);
  }

  @Test
  void theTableShowsEachRunBesideItsBound() {
    IoReport report = new IoReport(settings(), "/bench/io-x");
    report.cluster(4, 3, 64L << 20);
    report.limits(limits(600 * MB, 1_200 * MB, true, 1_700 * MB));
    // 50 MB/s of writes: 8.3 % of the disk, 25 % of disk / 3.
    report.add(new IoReport.Run(IoReport.Phase.WRITE, 1, 1_000_000, load("write", 1, 500, 10)));
    // 600 MB/s of reads: 50 % of the disk read.
    report.add(new IoReport.Run(IoReport.Phase.READ, 2, 4_000_000, load("read", 2, 1_500, 10)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), false));
    String text = bytes.toString(StandardCharsets.UTF_8);
    String write = line(text, "write ");
    assertTrue(write.matches(".*\\b50\\.0\\s+500\\s+2\\.\\d\\d.*"), write);
    assertTrue(write.contains("8.3%") && write.contains("disk write / 3")
        && write.contains("200.0") && write.contains("25.0%"), write);
    String read = line(text, "read ");
    assertTrue(read.contains("600.0") && read.contains("disk read")
        && read.contains("1,200.0") && read.endsWith("50.0%"), read);
    assertTrue(text.contains("replication factor 3"), text);
    assertTrue(text.contains("sequential write 600.0 MB/s"), text);
  }

  @Test
  void jsonCarriesTheRatios() {
    IoReport report = new IoReport(settings(), "/bench/io-x");
    report.cluster(4, 3, 64L << 20);
    report.limits(limits(600 * MB, 1_200 * MB, true, 1_700 * MB));
    report.add(new IoReport.Run(IoReport.Phase.APPEND, 2, 1_000_000, load("append", 2, 200, 10)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
    String json = bytes.toString(StandardCharsets.UTF_8);
    String compact = json.replace(" ", "");
    assertTrue(compact.contains("\"bound\":\"diskwrite/3\""), json);
    // 20 MB/s: a tenth of the bound (disk / 3), a thirtieth of the disk.
    assertTrue(compact.contains("\"bytes_per_s\":20000000"), json);
    assertTrue(compact.contains("\"of_bound\":0.1"), json);
  }

  @Test
  void aNoteKeepsTheFirstLineOfAnErrorWithoutControlCharacters() {
    assertEquals("not committed: cid=22, Message:?X?(", IoBenchmark.firstLine(
        "not committed: cid=22, Message:\u0001X\u0002(\n$f788...(length=87) for 3 attempts"));
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in\n" + text))
        .strip();
  }
}
