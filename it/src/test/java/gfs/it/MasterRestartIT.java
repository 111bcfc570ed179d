package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Checkpoints ... restart replays only the log tail" and "Restart of a master must take
 * seconds": several thousand files, every server stopped and started again; the full
 * recursive listing (path, type, length, replication, mtime) is identical, and the masters
 * answer a stat within seconds of being launched.
 */
class MasterRestartIT {
  static final int DIRECTORIES = 5;
  static final int FILES_PER_DIRECTORY = 1_000;
  static final int FILES_WITH_DATA = 20;
  static final int WRITERS = 8;
  /**
   * "Seconds, not minutes": ./gfs local starts every server at once, 8 JVMs on 2 cores here, so
   * JVM start-up dominates (10-25 s measured); `gfs bench meta` times the masters alone.
   */
  static final long FIRST_STAT_BOUND_MS = 60_000;

  @TempDir Path dir;

  /** One line of the listing: everything the master keeps about an entry that a client sees. */
  record Entry(String path, boolean directory, long length, int replication, long mtimeMs,
      String owner, int mode, long chunkCount) {
    static Entry of(FileStatus s) {
      return new Entry(s.path(), s.directory(), s.length(), s.replication(),
          s.modificationTimeMs(), s.owner(), s.mode(), s.chunkCount());
    }
  }

  @Test
  @Timeout(value = 420, unit = TimeUnit.SECONDS)
  void theNamespaceIsIdenticalAfterEveryServerIsStoppedAndStartedAgain() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB")) {
      fill(cluster);
      List<Entry> before = listAll(cluster);
      assertTrue(before.size() >= DIRECTORIES * FILES_PER_DIRECTORY,
          "the listing holds every file: " + before.size());

      cluster.stop();
      AtomicReference<Instant> firstStat = new AtomicReference<>();
      Thread poller = new Thread(() -> pollStat(cluster, firstStat), "restart-stat-poller");
      poller.setDaemon(true);
      poller.start();
      cluster.startAgain();
      poller.join(FIRST_STAT_BOUND_MS + 10_000);
      Instant launched = cluster.lastLaunch("master-1");
      assertTrue(firstStat.get() != null, "a stat was answered after the restart");
      long firstStatMs = Duration.between(launched, firstStat.get()).toMillis();
      System.out.println("MasterRestartIT: " + before.size() + " entries; first stat answered "
          + firstStatMs + " ms after the masters were launched");
      assertTrue(firstStatMs < FIRST_STAT_BOUND_MS, "masters serve within "
          + FIRST_STAT_BOUND_MS + " ms of launch; took " + firstStatMs + " ms");

      List<Entry> after = listAll(cluster);
      assertEquals(before.size(), after.size(), "as many entries after the restart");
      for (int i = 0; i < before.size(); i++) {
        assertEquals(before.get(i), after.get(i), "entry " + i + " is unchanged by the restart");
      }
    }
  }

  /** Thousands of empty files across a few directories, plus a few with data and replication 2. */
  private static void fill(LocalCluster cluster) throws Exception {
    try (GfsClient client = cluster.client()) {
      for (int d = 0; d < DIRECTORIES; d++) {
        client.mkdir("/restart/d" + d, true);
      }
      client.mkdir("/restart/data", true);
      for (int f = 0; f < FILES_WITH_DATA; f++) {
        String path = "/restart/data/f" + f;
        client.create(path, f % 2 == 0 ? 2 : 0, false);
        byte[] data = new byte[1_000 * (f + 1)];
        java.util.Arrays.fill(data, (byte) f);
        client.write(path, 0, data, 0, data.length);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        tasks.add(pool.submit(() -> {
          try (GfsClient client = cluster.client()) {
            for (int i = writer; i < DIRECTORIES * FILES_PER_DIRECTORY; i += WRITERS) {
              client.create("/restart/d" + (i % DIRECTORIES) + "/f" + i);
            }
          }
          return null;
        }));
      }
      for (Future<?> task : tasks) {
        task.get(240, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // Lengths are the chunkservers' reports: let one heartbeat round carry the last writes.
    Thread.sleep(2_000);
  }

  /** Every entry under the root, depth first, sorted by path. */
  private static List<Entry> listAll(LocalCluster cluster) throws Exception {
    List<Entry> entries = new ArrayList<>();
    try (GfsClient client = GfsClient.connect(
        ClientConfig.load(cluster.clientConf()).withOperationTimeoutMs(120_000))) {
      walk(client, "/", entries);
    }
    entries.sort((a, b) -> a.path().compareTo(b.path()));
    return entries;
  }

  private static void walk(GfsClient client, String directory, List<Entry> into) throws GfsException {
    for (FileStatus status : client.list(directory)) {
      into.add(Entry.of(status));
      if (status.directory()) {
        walk(client, status.path(), into);
      }
    }
  }

  /** Stats a file every 50 ms with short timeouts until the leader answers one. */
  private static void pollStat(LocalCluster cluster, AtomicReference<Instant> firstStat) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    try {
      ClientConfig base = ClientConfig.load(cluster.clientConf());
      // Answered by the leader only: a follower's stale answer would not show the masters serve.
      ClientConfig quick = new ClientConfig(base.masters(), 300, 300, 0, false)
          .withStaleFallbackMs(-1);
      while (System.nanoTime() < deadline) {
        try (GfsClient client = GfsClient.connect(quick)) {
          client.stat("/restart/d0/f0");
          firstStat.set(Instant.now());
          return;
        } catch (GfsException e) {
          Thread.sleep(50);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("stat poller failed", e);
    }
  }
}
