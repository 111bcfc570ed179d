package gfs.bench;

import gfs.shell.bench.LoadResult;
import gfs.shell.bench.LoadRunner;
import gfs.shell.bench.ProcessMemory;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restart of the metadata server holding --restart-files files: the files are created once
 * (--fill-threads clients, 10,000 per directory), then each run restarts it and records the
 * time to the first stat and create served, and the heap (after a full GC) and RSS then.
 */
final class RestartWorkload {
  /** Files per directory of the fill, as gfs bench meta and HDFS's NNThroughputBenchmark spread them. */
  static final int FILES_PER_DIRECTORY = 10_000;
  private static final double MIB = 1 << 20;

  private final Settings settings;
  private final SystemUnderTest system;
  private final Recorder recorder;
  private final PrintStream progress;
  private final String root;
  private final double heapEmptyMib;

  /** heapEmptyMib: the heap the metadata server had before any workload, NaN if unknown. */
  RestartWorkload(Settings settings, SystemUnderTest system, Recorder recorder,
      PrintStream progress, String root, double heapEmptyMib) {
    this.settings = settings;
    this.system = system;
    this.recorder = recorder;
    this.progress = progress;
    this.root = root;
    this.heapEmptyMib = heapEmptyMib;
  }

  static double heapMib(ProcessMemory memory) {
    return memory.heapUsedBytes() / MIB;
  }

  /** Creates the files; false when not all of them could be (the restarts are then skipped). */
  boolean fill() throws Exception {
    long directories = (settings.restartFiles() + FILES_PER_DIRECTORY - 1) / FILES_PER_DIRECTORY;
    try (BenchClient admin = system.newClient();
        ClientPool clients = new ClientPool(system, settings.fillThreads())) {
      admin.mkdirs(root + "/after");
      for (long d = 0; d < directories; d++) {
        admin.mkdirs(root + "/d" + d);
      }
      progress.println("bench: " + system.name().label + ": creating "
          + Figures.count(settings.restartFiles()) + " files for the restart");
      LoadResult result = LoadRunner.counted("restart-fill", settings.fillThreads(),
          settings.restartFiles(), settings.fillTimeoutSeconds() * 1_000,
          t -> seq -> clients.get(t).createEmpty(fillPath(seq)), new AtomicLong(),
          recorder.progressOf("restart fill"), Recorder.LoadRunnerProgress.EVERY_MS);
      progress.printf("bench: %s: filled %,d files in %.0f s (%,.0f per s), %d errors%n",
          system.name().label, result.operations(), result.seconds(), result.perSecond(),
          result.errors());
      if (result.operations() < settings.restartFiles()) {
        recorder.failure(Rows.RESTART_STAT, new IllegalStateException("the fill created "
            + result.operations() + " of " + settings.restartFiles() + " files ("
            + result.errors() + " errors, first: " + result.firstError() + ")"));
        return false;
      }
      return true;
    }
  }

  /** One restart, and the memory of the restarted metadata server. */
  void restartOnce() {
    try {
      SystemUnderTest.RestartTiming timing = system.restartMetadata(fillPath(0), root + "/after");
      recorder.value(Rows.RESTART_STAT, timing.firstStatMs() / 1000.0);
      recorder.value(Rows.RESTART_CREATE, timing.firstCreateMs() / 1000.0);
    } catch (Exception e) {
      recorder.failure(Rows.RESTART_STAT, e);
      return;
    }
    try {
      ProcessMemory memory = system.metadataMemory();
      recorder.value(Rows.HEAP_FULL, heapMib(memory));
      recorder.value(Rows.RSS_FULL, memory.rssBytes() / MIB);
      if (!Double.isNaN(heapEmptyMib)) {
        recorder.value(Rows.HEAP_GROWTH, heapMib(memory) - heapEmptyMib);
      }
      progress.printf("bench: %s: heap in use %.1f MiB, RSS %.1f MiB after the restart%n",
          system.name().label, heapMib(memory), memory.rssBytes() / MIB);
    } catch (Exception e) {
      recorder.failure(Rows.HEAP_FULL, e);
    }
  }

  private String fillPath(long seq) {
    return root + "/d" + seq / FILES_PER_DIRECTORY + "/f" + seq;
  }
}
