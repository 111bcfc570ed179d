package gfs.bench;

import gfs.shell.bench.LoadResult;
import gfs.shell.bench.LoadRunner;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The namespace workloads of one run against one system, for each layout (all files in one
 * directory, or spread over --meta-dirs) and each --meta-threads count: --meta-files
 * create+close of new empty files, as many stats of random ones of them, and as many
 * block/chunk-location lookups of --located-files one-byte files of the layout.
 */
final class NamespaceWorkloads {
  private final Settings settings;
  private final SystemUnderTest system;
  private final Recorder recorder;
  private final String root;

  NamespaceWorkloads(Settings settings, SystemUnderTest system, Recorder recorder, String root) {
    this.settings = settings;
    this.system = system;
    this.recorder = recorder;
    this.root = root;
  }

  void run() throws Exception {
    int maxThreads = settings.metaThreads().stream().mapToInt(Integer::intValue).max().orElse(1);
    try (BenchClient admin = system.newClient();
        ClientPool clients = new ClientPool(system, maxThreads)) {
      for (Rows.Layout layout : Rows.Layout.values()) {
        String layoutDir = root + "/" + layout.id;
        prepare(admin, layout, layoutDir);
        for (int threads : settings.metaThreads()) {
          String dir = layoutDir + "/t" + threads;
          recorder.guarded(Rows.create(layout, threads),
              () -> creates(clients, layout, dir, threads));
          recorder.guarded(Rows.stat(layout, threads),
              () -> stats(clients, layout, dir, threads));
          recorder.guarded(Rows.locate(layout, threads),
              () -> locates(clients, layout, layoutDir, threads));
        }
      }
    }
  }

  /** The directories of every thread count and the located files; not timed. */
  private void prepare(BenchClient admin, Rows.Layout layout, String layoutDir) throws Exception {
    for (int threads : settings.metaThreads()) {
      String dir = layoutDir + "/t" + threads;
      admin.mkdirs(dir);
      if (layout == Rows.Layout.SPREAD) {
        for (int d = 0; d < settings.metaDirs(); d++) {
          admin.mkdirs(dir + "/d" + d);
        }
      }
    }
    String locatedDir = layoutDir + "/located";
    admin.mkdirs(locatedDir);
    if (layout == Rows.Layout.SPREAD) {
      for (int d = 0; d < Math.min(settings.metaDirs(), settings.locatedFiles()); d++) {
        admin.mkdirs(locatedDir + "/d" + d);
      }
    }
    byte[] oneByte = {42};
    for (int i = 0; i < settings.locatedFiles(); i++) {
      try (OutputStream writer = admin.create(locatedPath(layout, layoutDir, i))) {
        writer.write(oneByte);
      }
    }
  }

  private String filePath(Rows.Layout layout, String dir, long seq) {
    return layout == Rows.Layout.ONE_DIR ? dir + "/f" + seq
        : dir + "/d" + seq % settings.metaDirs() + "/f" + seq;
  }

  private String locatedPath(Rows.Layout layout, String layoutDir, long i) {
    return layout == Rows.Layout.ONE_DIR ? layoutDir + "/located/l" + i
        : layoutDir + "/located/d" + i % Math.min(settings.metaDirs(), settings.locatedFiles())
            + "/l" + i;
  }

  private void creates(ClientPool clients, Rows.Layout layout, String dir, int threads)
      throws Exception {
    operations(Rows.create(layout, threads), threads,
        t -> seq -> clients.get(t).createEmpty(filePath(layout, dir, seq)));
  }

  private void stats(ClientPool clients, Rows.Layout layout, String dir, int threads)
      throws Exception {
    operations(Rows.stat(layout, threads), threads, t -> seq -> clients.get(t).stat(
        filePath(layout, dir, ThreadLocalRandom.current().nextLong(settings.metaFiles()))));
  }

  private void locates(ClientPool clients, Rows.Layout layout, String layoutDir, int threads)
      throws Exception {
    operations(Rows.locate(layout, threads), threads, t -> seq -> clients.get(t).locate(
        locatedPath(layout, layoutDir, ThreadLocalRandom.current().nextInt(settings.locatedFiles()))));
  }

  /** --meta-files operations by threads clients, recorded as the row's operations per second. */
  private void operations(String rowId, int threads, LoadRunner.OperationFactory factory)
      throws Exception {
    LoadResult result = LoadRunner.counted(rowId, threads, settings.metaFiles(), timeoutMs(),
        factory, new AtomicLong(), recorder.progressOf(rowId), Recorder.LoadRunnerProgress.EVERY_MS);
    recorder.operations(rowId, result);
  }

  private long timeoutMs() {
    return settings.phaseTimeoutSeconds() * 1_000;
  }
}
