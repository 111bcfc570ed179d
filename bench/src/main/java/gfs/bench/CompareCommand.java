package gfs.bench;

import gfs.shell.SizeConverter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bench/run.sh: gfs against HDFS on this machine, every figure beside the machine limit that
 * bounds it. The table goes to stdout (Markdown, or JSON with --json), progress to stderr.
 */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measures the machine's limits, then HDFS (MiniDFSCluster in a JVM of its own)"
        + " and gfs (./gfs local) with the same workloads, and prints one table: each figure for"
        + " both, gfs / HDFS, the share of the bounding machine limit, and issue 10's targets.",
        "See docs/benchmarks.md, section 'gfs against HDFS'."})
public final class CompareCommand implements Callable<Integer> {
  @Option(names = "--runs", defaultValue = "3", description = "Runs of every figure (median, min-max).")
  int runs;

  @Option(names = "--only", split = ",", paramLabel = "PHASE",
      description = "Phases to run (default all): limits, hdfs-data, hdfs-meta, hdfs-restart,"
          + " gfs-data, gfs-append, gfs-meta, gfs-failover, gfs-restart.")
  List<String> only = List.of();

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the limits are measured"
      + " and HDFS keeps its data (default: a new directory under java.io.tmpdir, where the gfs"
      + " cluster's directory is made too).")
  Path workDir;

  @Option(names = "--json", description = "Print JSON instead of the Markdown table.")
  boolean json;

  @Option(names = "--limit-size", defaultValue = "1GiB", converter = SizeConverter.class,
      description = "Size of the disk baseline's file.")
  long limitSize;

  @Option(names = "--loopback-size", defaultValue = "2GiB", converter = SizeConverter.class)
  long loopbackSize;

  @Option(names = "--crc-size", defaultValue = "2GiB", converter = SizeConverter.class)
  long crcSize;

  @Option(names = "--write-warmup", defaultValue = "256MiB", converter = SizeConverter.OrZero.class,
      description = "Written by one client and deleted before the first run, unmeasured (0: none).")
  long writeWarmup;

  @Option(names = "--write-size", defaultValue = "1GiB", converter = SizeConverter.class,
      description = "Bytes each writer writes to its own file.")
  long writeSize;

  @Option(names = "--write-io", defaultValue = "1MiB", converter = SizeConverter.class)
  long writeIo;

  @Option(names = "--writers", defaultValue = "4,8", split = ",",
      description = "Concurrent writer counts.")
  List<Integer> writers;

  @Option(names = "--read-io", defaultValue = "4MiB", converter = SizeConverter.class)
  long readIo;

  @Option(names = "--readers", defaultValue = "4,8", split = ",",
      description = "Concurrent random reader counts.")
  List<Integer> readers;

  @Option(names = "--read-seconds", defaultValue = "10",
      description = "Length of each random-read and record-append measurement.")
  long readSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "2",
      description = "Unmeasured time before each of those.")
  long warmupSeconds;

  @Option(names = "--append-clients", defaultValue = "8")
  int appendClients;

  @Option(names = "--record-sizes", defaultValue = "1KiB,64KiB", split = ",",
      converter = SizeConverter.class)
  List<Long> recordSizes;

  @Option(names = "--meta-threads", defaultValue = "1,8,32", split = ",")
  List<Integer> metaThreads;

  @Option(names = "--meta-files", defaultValue = "20000",
      description = "Files created (then statted, and as many locations looked up) per layout"
          + " and thread count.")
  long metaFiles;

  @Option(names = "--meta-dirs", defaultValue = "100",
      description = "Directories of the 'spread' layout.")
  int metaDirs;

  @Option(names = "--located-files", defaultValue = "64")
  int locatedFiles;

  @Option(names = "--failover-kills", defaultValue = "1", description = "Leader kills per run.")
  int failoverKills;

  @Option(names = "--restart-files", defaultValue = "1000000",
      description = "Files the metadata server holds when restarted.")
  long restartFiles;

  @Option(names = "--fill-threads", defaultValue = "32")
  int fillThreads;

  @Option(names = "--hdfs-heap", defaultValue = "2g", description = "-Xmx of the HDFS child JVM.")
  String hdfsHeap;

  @Option(names = "--phase-timeout-s", defaultValue = "1800")
  long phaseTimeoutS;

  @Option(names = "--fill-timeout-s", defaultValue = "3600")
  long fillTimeoutS;

  private final String[] args;
  private final PrintStream out;
  private final PrintStream progress;
  private Report report;

  CompareCommand(String[] args, PrintStream out, PrintStream progress) {
    this.args = args.clone();
    this.out = out;
    this.progress = progress;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int code = new CommandLine(new CompareCommand(args, out, System.err)).execute(args);
    System.exit(code);
  }

  Settings settings() {
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"),
        "gfs-compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    return new Settings(runs, Phase.parse(only), dir, json,
        ("bench/run.sh " + String.join(" ", args)).trim(), limitSize, loopbackSize, crcSize,
        writeWarmup, writeSize, writeIo, writers, readIo, readers, readSeconds, warmupSeconds,
        appendClients,
        recordSizes, metaThreads, metaFiles, metaDirs, locatedFiles, failoverKills, restartFiles,
        fillThreads, hdfsHeap, phaseTimeoutS, fillTimeoutS);
  }

  @Override
  public Integer call() throws Exception {
    Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      progress.println("bench/run.sh: " + e.getMessage());
      return 2;
    }
    report = new Comparison(settings, progress).run();
    out.print(settings.json() ? report.json() : report.markdown());
    out.flush();
    return 0;
  }

  /** The report of the last call, for tests. */
  Report report() {
    return report;
  }
}
