package gfs.bench;

import gfs.shell.bench.DiskBaseline;
import gfs.shell.bench.LoadResult;
import gfs.shell.bench.LoadRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data-path workloads of one run against one system: one client writing a file and
 * reading it back (warm, then cold when the page cache can be dropped), N writers each to
 * its own file, N random readers of the files written. The run's files are deleted at the end.
 */
final class DataWorkloads {
  private final Settings settings;
  private final SystemUnderTest system;
  private final Recorder recorder;
  private final PrintStream progress;
  private final String root;
  private final List<String> written = new ArrayList<>();

  DataWorkloads(Settings settings, SystemUnderTest system, Recorder recorder,
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
        recorder.guarded(Rows.WRITE_ONE,
            () -> write(Rows.WRITE_ONE, List.of(root + "/one-client")));
        if (written.isEmpty()) {
          return; // nothing to read
        }
        recorder.guarded(Rows.READ_WARM, () -> readBack(Rows.READ_WARM));
        recorder.guarded(Rows.READ_COLD, () -> {
          String dropFailure = DiskBaseline.dropPageCache();
          if (dropFailure == null) {
            readBack(Rows.READ_COLD);
          } // else the row says n/a, with the reason
        });
        for (int n : settings.writers()) {
          List<String> paths = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            paths.add(root + "/writers-" + n + "/w" + i);
          }
          admin.mkdirs(root + "/writers-" + n);
          recorder.guarded(Rows.writers(n), () -> write(Rows.writers(n), paths));
        }
        for (int n : settings.readers()) {
          recorder.guarded(Rows.randomReaders(n), () -> randomReads(n));
        }
      } finally {
        progress.println("bench: " + system.name().label + ": deleting " + root);
        admin.deleteRecursively(root);
      }
    }
  }

  /** Every path written by a client of its own, all at once; one operation = one whole file. */
  private void write(String rowId, List<String> paths) throws Exception {
    byte[] block = randomBytes((int) settings.writeIoBytes());
    long writes = settings.writeSizeBytes() / settings.writeIoBytes();
    try (ClientPool clients = new ClientPool(system, paths.size())) {
      LoadResult result = LoadRunner.countedEach(rowId, paths.size(), 1,
          settings.phaseTimeoutSeconds() * 1_000, t -> seq -> {
            try (OutputStream writer = clients.get(t).create(paths.get(t))) {
              for (long w = 0; w < writes; w++) {
                writer.write(block);
              }
            }
          }, recorder.progressOf(rowId), Recorder.LoadRunnerProgress.EVERY_MS);
      recorder.throughput(rowId, result, settings.writeSizeBytes());
      if (result.errors() == 0) {
        written.addAll(paths);
      }
    }
  }

  /** The one-client file read sequentially from its start to its end. */
  private void readBack(String rowId) throws Exception {
    String path = written.get(0);
    byte[] buffer = new byte[(int) settings.writeIoBytes()];
    try (ClientPool clients = new ClientPool(system, 1)) {
      LoadResult result = LoadRunner.countedEach(rowId, 1, 1,
          settings.phaseTimeoutSeconds() * 1_000, t -> seq -> {
            long read = clients.get(0).readSequentially(path, buffer);
            if (read != settings.writeSizeBytes()) {
              throw new IOException("read " + read + " bytes of " + path + ", wrote "
                  + settings.writeSizeBytes());
            }
          }, recorder.progressOf(rowId), Recorder.LoadRunnerProgress.EVERY_MS);
      recorder.throughput(rowId, result, settings.writeSizeBytes());
    }
  }

  /** For --read-seconds, each reader reads --read-io at random aligned offsets of random files. */
  private void randomReads(int readers) throws Exception {
    String rowId = Rows.randomReaders(readers);
    long slots = settings.writeSizeBytes() / settings.readIoBytes();
    List<String> files = List.copyOf(written);
    try (ClientPool clients = new ClientPool(system, readers)) {
      LoadResult result = LoadRunner.timed(rowId, readers, settings.warmupSeconds() * 1_000,
          settings.readSeconds() * 1_000, t -> {
            byte[] buffer = new byte[(int) settings.readIoBytes()];
            return seq -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              String file = files.get(random.nextInt(files.size()));
              clients.get(t).readAt(file, random.nextLong(slots) * settings.readIoBytes(), buffer);
            };
          }, new AtomicLong());
      recorder.throughput(rowId, result, settings.readIoBytes());
    }
  }

  /**
   * Writes bytes to one file and deletes it, unmeasured, before the first run: a fresh cluster's
   * JIT compilers otherwise take most of the two cores during the first writes (as gfs bench io
   * found), and the first run would measure that.
   */
  static void warmUp(SystemUnderTest system, String dir, long bytes, long ioBytes,
      PrintStream progress) throws Exception {
    progress.println("bench: " + system.name().label + ": warming up with "
        + Figures.size(bytes) + " written and deleted, not measured");
    byte[] block = randomBytes((int) ioBytes);
    try (BenchClient client = system.newClient()) {
      client.mkdirs(dir);
      try (OutputStream writer = client.create(dir + "/warmup")) {
        for (long w = 0; w < bytes; w += ioBytes) {
          writer.write(block);
        }
      }
      client.deleteRecursively(dir);
    }
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
