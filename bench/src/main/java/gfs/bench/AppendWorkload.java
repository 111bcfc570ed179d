package gfs.bench;

import gfs.shell.bench.LoadResult;
import gfs.shell.bench.LoadRunner;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Record append (gfs only): --append-clients clients, each with a client of its own,
 * record-append --record-sizes records to one file they share, for --read-seconds each.
 */
final class AppendWorkload {
  private final Settings settings;
  private final SystemUnderTest system;
  private final Recorder recorder;
  private final PrintStream progress;
  private final String root;

  AppendWorkload(Settings settings, SystemUnderTest system, Recorder recorder,
      PrintStream progress, String root) {
    this.settings = settings;
    this.system = system;
    this.recorder = recorder;
    this.progress = progress;
    this.root = root;
  }

  void run() throws Exception {
    try (BenchClient admin = system.newClient()) {
      admin.mkdirs(root);
      try {
        for (long recordBytes : settings.recordSizes()) {
          String rowId = Rows.append(recordBytes);
          try {
            append(admin, rowId, recordBytes);
          } catch (Exception e) {
            recorder.failure(rowId, e);
          }
        }
      } finally {
        progress.println("bench: " + system.name().label + ": deleting " + root);
        admin.deleteRecursively(root);
      }
    }
  }

  private void append(BenchClient admin, String rowId, long recordBytes) throws Exception {
    String shared = root + "/shared-" + recordBytes;
    admin.createEmpty(shared);
    byte[] record = DataWorkloads.randomBytes((int) recordBytes);
    try (ClientPool clients = new ClientPool(system, settings.appendClients())) {
      LoadResult result = LoadRunner.timed(rowId, settings.appendClients(),
          settings.warmupSeconds() * 1_000, settings.readSeconds() * 1_000,
          t -> seq -> clients.get(t).recordAppend(shared, record), new AtomicLong());
      recorder.throughput(rowId, result, recordBytes);
    }
  }
}
