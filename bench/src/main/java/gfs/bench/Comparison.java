package gfs.bench;

import gfs.shell.bench.DiskBaseline;
import gfs.shell.bench.MachineLimits;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * The whole comparison, in order on this machine: the limits, then HDFS (its child JVM), then
 * gfs (a ./gfs local cluster), each system's phases --runs times, one system at a time so they
 * never compete for the two cores. A phase that fails is counted on its rows and the others go on.
 */
final class Comparison {
  private final Settings settings;
  private final PrintStream progress;
  private final Measurements measurements = new Measurements();

  Comparison(Settings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  Report run() throws Exception {
    Files.createDirectories(settings.workDir());
    String dropFailure = DiskBaseline.dropPageCache();
    progress.println("bench: dropping the page cache "
        + (dropFailure == null ? "is permitted" : "is not permitted: " + dropFailure));
    String diskReadNote = "limits not measured";
    if (settings.runs(Phase.LIMITS)) {
      diskReadNote = measureLimits();
    }
    if (Phase.anyOf(settings.phases(), SystemName.HDFS)) {
      try (HdfsSystem hdfs = HdfsSystem.start(settings.workDir().resolve("hdfs"),
          settings.hdfsHeap(), progress)) {
        runSystem(hdfs, Phase.HDFS_DATA, null, Phase.HDFS_META, null, Phase.HDFS_RESTART);
      }
    }
    if (Phase.anyOf(settings.phases(), SystemName.GFS)) {
      try (GfsSystem gfs = GfsSystem.start(progress)) {
        try {
          runSystem(gfs, Phase.GFS_DATA, Phase.GFS_APPEND, Phase.GFS_META, Phase.GFS_FAILOVER,
              Phase.GFS_RESTART);
        } catch (Exception e) {
          gfs.keepFiles();
          throw e;
        }
      }
    }
    return new Report(settings, Rows.all(settings, diskReadNote, dropFailure), measurements,
        dropFailure);
  }

  /**
   * The disk under the work directory, loopback and CRC32C, once per run; returns how the
   * disk read was made cold.
   */
  private String measureLimits() throws Exception {
    String note = "";
    for (int run = 1; run <= settings.runs(); run++) {
      progress.println("bench: machine limits, run " + run + "/" + settings.runs());
      MachineLimits limits = MachineLimits.measure(settings.workDir(), settings.limitSizeBytes(),
          settings.loopbackBytes(), settings.crcBytes());
      measurements.add(Rows.LIMIT_DISK_WRITE, SystemName.MACHINE, limits.disk().writeBytesPerS() / 1e6);
      measurements.add(Rows.LIMIT_DISK_READ, SystemName.MACHINE, limits.disk().readBytesPerS() / 1e6);
      measurements.add(Rows.LIMIT_LOOPBACK, SystemName.MACHINE, limits.loopbackBytesPerS() / 1e6);
      measurements.add(Rows.LIMIT_CRC32C, SystemName.MACHINE, limits.crc32cBytesPerS() / 1e6);
      note = limits.disk().coldRead() ? "page cache dropped before the read"
          : "page cache warm (not permitted to drop it)";
      progress.printf("bench: disk write %.1f MB/s, disk read %.1f MB/s (%s), loopback %.1f MB/s,"
          + " CRC32C %.1f MB/s%n", limits.disk().writeBytesPerS() / 1e6,
          limits.disk().readBytesPerS() / 1e6, note, limits.loopbackBytesPerS() / 1e6,
          limits.crc32cBytesPerS() / 1e6);
    }
    return note;
  }

  /** One system's phases; a null phase does not exist for it (its rows say n/a). */
  private void runSystem(SystemUnderTest system, Phase data, Phase append, Phase meta,
      Phase failover, Phase restart) throws Exception {
    SystemName name = system.name();
    Recorder recorder = new Recorder(measurements, name, progress);
    String root = "/bench-compare";
    double heapEmpty = Double.NaN;
    if (settings.runs(restart)) {
      try {
        heapEmpty = RestartWorkload.heapMib(system.metadataMemory());
        recorder.value(Rows.HEAP_EMPTY, heapEmpty);
      } catch (Exception e) {
        recorder.failure(Rows.HEAP_EMPTY, e);
      }
    }
    if (settings.runs(data) && settings.writeWarmupBytes() > 0) {
      recorder.guarded(Rows.WRITE_ONE, () -> DataWorkloads.warmUp(system, root + "/warmup",
          settings.writeWarmupBytes(), settings.writeIoBytes(), progress));
    }
    for (int run = 1; run <= settings.runs(); run++) {
      String runRoot = root + "/run-" + run;
      progress.println("bench: " + name.label + ", run " + run + "/" + settings.runs());
      if (settings.runs(data)) {
        recorder.guarded(Rows.WRITE_ONE, () -> new DataWorkloads(settings, system, recorder,
            progress, runRoot + "/data").run());
      }
      if (append != null && settings.runs(append)) {
        recorder.guarded(Rows.append(settings.recordSizes().get(0)), () -> new AppendWorkload(
            settings, system, recorder, progress, runRoot + "/append").run());
      }
      if (settings.runs(meta)) {
        recorder.guarded(Rows.create(Rows.Layout.ONE_DIR, settings.metaThreads().get(0)),
            () -> new NamespaceWorkloads(settings, system, recorder, runRoot + "/meta").run());
      }
    }
    if (failover != null && settings.runs(failover)) {
      recorder.guarded(Rows.FAILOVER, () -> {
        for (int run = 1; run <= settings.runs(); run++) {
          // A directory per run: the probe names its files by kill number.
          String dir = root + "/failover/run-" + run;
          try (BenchClient admin = system.newClient()) {
            admin.mkdirs(dir);
          }
          for (long sampleMs : system.failover(settings.failoverKills(), dir)) {
            recorder.value(Rows.FAILOVER, sampleMs / 1000.0);
          }
        }
      });
    }
    if (settings.runs(restart)) {
      RestartWorkload restarts = new RestartWorkload(settings, system, recorder, progress,
          root + "/restart", heapEmpty);
      recorder.guarded(Rows.RESTART_STAT, () -> {
        if (restarts.fill()) {
          for (int run = 1; run <= settings.runs(); run++) {
            progress.println("bench: " + name.label + ": restart " + run + "/" + settings.runs());
            restarts.restartOnce();
          }
        }
      });
    }
  }
}
