package gfs.bench;

import gfs.shell.bench.LoadResult;
import java.io.PrintStream;
import java.util.Locale;

/** Turns LoadRunner results into figures of the table, and tells stderr as it goes. */
final class Recorder {
  private final Measurements measurements;
  private final SystemName system;
  private final PrintStream progress;

  Recorder(Measurements measurements, SystemName system, PrintStream progress) {
    this.measurements = measurements;
    this.system = system;
    this.progress = progress;
  }

  /** MB/s (10^6 bytes per second) of the operations that succeeded, bytesPerOperation each. */
  void throughput(String rowId, LoadResult result, long bytesPerOperation) {
    double mbPerS = result.operations() * (double) bytesPerOperation / result.seconds() / 1e6;
    record(rowId, result, mbPerS, Figures.number(mbPerS, Figures.MB_S) + " MB/s");
  }

  void operations(String rowId, LoadResult result) {
    record(rowId, result, result.perSecond(),
        Figures.number(result.perSecond(), Figures.OPS_S) + " ops/s");
  }

  void value(String rowId, double value) {
    measurements.add(rowId, system, value);
  }

  /** A measurement or phase, which may fail as a whole. */
  interface Body {
    void run() throws Exception;
  }

  /** Runs body; when it throws, that is one error on rowId and the benchmark goes on. */
  void guarded(String rowId, Body body) {
    try {
      body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure(rowId, e);
    } catch (Exception e) {
      failure(rowId, e);
    }
  }

  /** A phase that failed as a whole: one error on its row, and why. */
  void failure(String rowId, Exception e) {
    String why = e.getClass().getSimpleName() + ": " + e.getMessage();
    measurements.addErrors(rowId, system, 1, why);
    progress.println("bench: " + system.label + " " + rowId + " FAILED: " + why);
  }

  LoadRunnerProgress progressOf(String what) {
    return new LoadRunnerProgress(progress, system.label + " " + what);
  }

  private void record(String rowId, LoadResult result, double value, String figure) {
    measurements.addErrors(rowId, system, result.errors(), result.firstError());
    if (result.operations() > 0) {
      measurements.add(rowId, system, value);
    }
    progress.printf(Locale.ROOT, "bench: %s %s: %s (%,d ops in %.1f s, p50 %.2f ms, p99 %.2f ms)%s%n",
        system.label, rowId, figure, result.operations(), result.seconds(), result.p50Ms(),
        result.p99Ms(), result.errors() == 0 ? ""
            : ", " + result.errors() + " errors, first: " + result.firstError());
  }

  /** Progress of a long counted run, every few seconds on stderr. */
  record LoadRunnerProgress(PrintStream out, String what)
      implements gfs.shell.bench.LoadRunner.Progress {
    static final long EVERY_MS = 5_000;

    @Override
    public void report(long done, double elapsedSeconds) {
      out.printf(Locale.ROOT, "bench: %s: %,d done after %.0f s%n", what, done, elapsedSeconds);
    }
  }
}
