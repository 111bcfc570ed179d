package gfs.bench;

import java.util.ArrayList;
import java.util.List;

/** The rows of the table, in order, with their bounds and issue 10's targets. */
final class Rows {
  static final String LIMIT_DISK_WRITE = "limit-disk-write";
  static final String LIMIT_DISK_READ = "limit-disk-read";
  static final String LIMIT_LOOPBACK = "limit-loopback";
  static final String LIMIT_CRC32C = "limit-crc32c";
  static final String WRITE_ONE = "write-1";
  static final String READ_WARM = "read-warm";
  static final String READ_COLD = "read-cold";
  static final String FAILOVER = "failover";
  static final String RESTART_STAT = "restart-stat";
  static final String RESTART_CREATE = "restart-create";
  static final String HEAP_EMPTY = "heap-empty";
  static final String HEAP_FULL = "heap-full";
  static final String HEAP_GROWTH = "heap-growth";
  static final String RSS_FULL = "rss-full";

  static final String NO_APPEND = "HDFS has no concurrent append (one writer per file)";

  /** One row: a figure measured for HDFS and gfs (or the machine). */
  record RowSpec(String id, String label, String unit, Bound bound, List<Target> targets,
      String hdfsNotApplicable, String gfsNotApplicable, boolean machine) {
    /** Why the system has no figure in this row by design, or null. */
    String notApplicable(SystemName system) {
      return system == SystemName.HDFS ? hdfsNotApplicable
          : system == SystemName.GFS ? gfsNotApplicable : null;
    }
  }

  /** Where the namespace workloads put their files. */
  enum Layout {
    ONE_DIR("one-dir"), SPREAD("spread");

    final String id;

    Layout(String id) {
      this.id = id;
    }

    String label(Settings settings) {
      return this == ONE_DIR ? "in one directory"
          : "over " + Figures.count(settings.metaDirs()) + " directories";
    }
  }

  private Rows() {}

  static String writers(int n) {
    return "write-" + n;
  }

  static String randomReaders(int n) {
    return "random-read-" + n;
  }

  static String append(long recordBytes) {
    return "append-" + recordBytes;
  }

  static String create(Layout layout, int threads) {
    return "create-" + layout.id + "-" + threads;
  }

  static String stat(Layout layout, int threads) {
    return "stat-" + layout.id + "-" + threads;
  }

  static String locate(Layout layout, int threads) {
    return "locate-" + layout.id + "-" + threads;
  }

  /**
   * @param diskReadNote how the disk read limit was made cold, or why not
   * @param dropCacheFailure why the page cache could not be dropped, null when it could
   */
  static List<RowSpec> all(Settings s, String diskReadNote, String dropCacheFailure) {
    List<RowSpec> rows = new ArrayList<>();
    String mb = Figures.MB_S;
    rows.add(machine(LIMIT_DISK_WRITE, "machine: sequential disk write, "
        + Figures.size(s.limitSizeBytes()) + " in 1 MiB writes + fdatasync"));
    rows.add(machine(LIMIT_DISK_READ, "machine: sequential disk read, " + diskReadNote));
    rows.add(machine(LIMIT_LOOPBACK, "machine: loopback TCP, one stream"));
    rows.add(machine(LIMIT_CRC32C, "machine: CRC32C of 64 KiB blocks, one core"));
    String io = " in " + Figures.size(s.writeIoBytes()) + " writes";
    rows.add(row(WRITE_ONE, "write " + Figures.size(s.writeSizeBytes()) + io + ", 1 client", mb,
        Bound.DISK_WRITE_OVER_3, List.of(Target.atLeastTimesHdfs(1.5), Target.atLeastOfBound(0.8))));
    rows.add(row(READ_WARM, "read it back sequentially, 1 client, page cache warm", mb,
        Bound.LOOPBACK, List.of(Target.atLeastTimesHdfs(1.2))));
    String notDropped = dropCacheFailure == null ? null
        : "page cache not dropped (" + dropCacheFailure + ")";
    rows.add(new RowSpec(READ_COLD, "read it back sequentially, 1 client, after dropping the"
        + " page cache", mb, Bound.COLD_READ, List.of(Target.atLeastTimesHdfs(1.2)), notDropped,
        notDropped, false));
    for (int n : s.writers()) {
      rows.add(row(writers(n), n + " writers, " + Figures.size(s.writeSizeBytes())
          + " each to its own file" + io + ", aggregate", mb, Bound.DISK_WRITE_OVER_3,
          List.of(Target.atLeastTimesHdfs(1.5))));
    }
    for (int n : s.readers()) {
      rows.add(row(randomReaders(n), n + " readers, random " + Figures.size(s.readIoBytes())
          + " reads of the files written, aggregate", mb, Bound.LOOPBACK,
          List.of(Target.atLeastTimesHdfs(1.2))));
    }
    for (long record : s.recordSizes()) {
      rows.add(new RowSpec(append(record), s.appendClients() + " clients record-appending "
          + Figures.size(record) + " records to one shared file, aggregate", mb,
          Bound.DISK_WRITE_OVER_3, List.of(), NO_APPEND, null, false));
    }
    for (Layout layout : Layout.values()) {
      for (int t : s.metaThreads()) {
        String where = Figures.count(s.metaFiles()) + " files " + layout.label(s) + ", " + t
            + (t == 1 ? " thread" : " threads");
        rows.add(row(create(layout, t), "create+close of empty files, " + where, Figures.OPS_S,
            Bound.NONE, t >= 8 ? List.of(Target.atLeastTimesHdfs(3)) : List.of()));
        rows.add(row(stat(layout, t), "stat, " + where, Figures.OPS_S, Bound.NONE,
            t == 8 ? List.of(Target.atLeastTimesHdfs(2)) : List.of()));
        rows.add(row(locate(layout, t), "block/chunk locations, " + s.locatedFiles()
            + " one-byte files " + layout.label(s) + ", " + t + (t == 1 ? " thread" : " threads"),
            Figures.OPS_S, Bound.NONE, t == 8 ? List.of(Target.atLeastTimesHdfs(2)) : List.of()));
      }
    }
    rows.add(new RowSpec(FAILOVER, "failover: SIGKILL of the metadata leader to the first"
        + " acknowledged create", Figures.SECONDS, Bound.NONE, List.of(Target.below(2)),
        "one NameNode without HA: nothing takes over", null, false));
    String files = Figures.count(s.restartFiles()) + " files";
    rows.add(row(RESTART_STAT, "restart with " + files + ": to the first stat served",
        Figures.SECONDS, Bound.NONE, List.of(Target.below(3))));
    rows.add(row(RESTART_CREATE, "restart with " + files + ": to the first create acknowledged",
        Figures.SECONDS, Bound.NONE, List.of()));
    rows.add(row(HEAP_EMPTY, "metadata server heap in use after full GC, empty", Figures.MIB,
        Bound.NONE, List.of()));
    rows.add(row(HEAP_FULL, "same, after the restart with " + files, Figures.MIB, Bound.NONE,
        List.of()));
    rows.add(row(HEAP_GROWTH, "heap growth, empty to " + files, Figures.MIB, Bound.NONE,
        List.of(Target.atMostTimesHdfs(0.1))));
    rows.add(row(RSS_FULL, "metadata server RSS after the restart with " + files, Figures.MIB,
        Bound.NONE, List.of()));
    return rows;
  }

  private static RowSpec machine(String id, String label) {
    return new RowSpec(id, label, Figures.MB_S, Bound.NONE, List.of(), null, null, true);
  }

  private static RowSpec row(String id, String label, String unit, Bound bound,
      List<Target> targets) {
    return new RowSpec(id, label, unit, bound, targets, null, null, false);
  }
}
