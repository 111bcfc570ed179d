package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Garbage collection": delete renames a file into the trash, where it can be listed
 * (`ls --deleted`) and restored with its bytes intact within the retention period; past it
 * the namespace scan removes it and its chunk files disappear from every chunkserver; `rm` of
 * a deleted file reclaims it at once. Driven through `./gfs`, as an operator would.
 */
class GarbageCollectionIT {
  static final int CHUNKSERVERS = 3;
  static final long RETENTION_MS = 6_000;
  static final long WAIT_MS = 45_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void deletedFilesAreRestorableWithinRetentionAndTheirChunksGoneAfterIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), CHUNKSERVERS, "1MB",
        Map.of("gc.retention.ms", Long.toString(RETENTION_MS), "gc.scan.interval.ms", "1000"))) {
      byte[] kept = bytes(1, 1_500_000);      // two chunks
      byte[] expiring = bytes(2, 1_200_000);
      byte[] reclaimed = bytes(3, 300_000);
      List<Long> expiringChunks;
      List<Long> reclaimedChunks;
      try (GfsClient client = cluster.client()) {
        write(client, "/gc/kept", kept);
        write(client, "/gc/expiring", expiring);
        write(client, "/gc/reclaimed", reclaimed);
      }
      expiringChunks = handles(cluster, "/gc/expiring");
      reclaimedChunks = handles(cluster, "/gc/reclaimed");
      awaitOnDisk(cluster, expiringChunks, true);
      awaitOnDisk(cluster, reclaimedChunks, true);

      // Delete and restore within retention: the bytes are the same.
      ok(cluster.gfs("rm", "/gc/kept"));
      GfsCommand.Result listing = ok(cluster.gfs("ls", "--deleted", "/gc"));
      assertTrue(listing.stdout().contains("kept  (deleted "), listing.stdout());
      assertTrue(listing.stdout().contains("/.trash/"), listing.stdout());
      ok(cluster.gfs("restore", "/gc/kept"));
      try (GfsClient client = cluster.client()) {
        assertArrayEquals(kept, TestFiles.read(client, "/gc/kept"));
      }

      // rm of the trash name reclaims at once: not restorable, chunk files go.
      ok(cluster.gfs("rm", "/gc/reclaimed"));
      String trashName = trashNameOf(cluster, "reclaimed");
      ok(cluster.gfs("rm", trashName));
      GfsCommand.Result again = cluster.gfs("restore", trashName);
      assertNotEquals(0, again.exitCode(), again.toString());
      assertEquals(1, again.stderr().strip().lines().count(), "one error line: " + again.stderr());
      awaitOnDisk(cluster, reclaimedChunks, false);

      // Past retention the scan purges it; its chunk files leave every chunkserver.
      long deletedAt = System.nanoTime();
      ok(cluster.gfs("rm", "/gc/expiring"));
      awaitOnDisk(cluster, expiringChunks, false);
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deletedAt) >= RETENTION_MS - 1_000,
          "collected before the retention ran out");
      GfsCommand.Result after = ok(cluster.gfs("ls", "--deleted", "/gc"));
      assertTrue(!after.stdout().contains("expiring"), after.stdout());
      try (GfsClient client = cluster.client()) {
        assertArrayEquals(kept, TestFiles.read(client, "/gc/kept"), "the restored file is untouched by GC");
      }
    }
  }

  private static GfsCommand.Result ok(GfsCommand.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  private static String trashNameOf(LocalCluster cluster, String name) throws Exception {
    try (GfsClient client = cluster.client()) {
      for (FileStatus status : client.list("/gc", true)) {
        if (status.deleted() && status.name().equals(name)) {
          return status.deletedPath();
        }
      }
    }
    throw new AssertionError("no deleted " + name + " listed under /gc");
  }

  /** The chunk handles of a file, from `gfs stat --json`-independent client calls. */
  private static List<Long> handles(LocalCluster cluster, String path) throws Exception {
    List<Long> handles = new ArrayList<>();
    try (GfsClient client = cluster.client();
         gfs.client.master.MasterClient master = new gfs.client.master.MasterClient(
             gfs.client.ClientConfig.load(cluster.clientConf()))) {
      gfs.client.location.ChunkLocator locator = new gfs.client.location.ChunkLocator(master,
          new gfs.client.location.LocationCache(0), new gfs.client.common.ChunkSize(),
          gfs.proto.ReadOptions.getDefaultInstance());
      long chunks = client.stat(path).chunkCount();
      for (long i = 0; i < chunks; i++) {
        handles.add(locator.fetch(path, i, gfs.client.common.Deadline.afterMs(10_000)).location().getHandle());
      }
    }
    assertTrue(!handles.isEmpty(), "no chunks for " + path);
    return handles;
  }

  /** Waits until every chunk's file is present (or absent) on every chunkserver that matters. */
  private static void awaitOnDisk(LocalCluster cluster, List<Long> handles, boolean present) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    List<Path> found = List.of();
    while (System.nanoTime() < deadline) {
      found = chunkFiles(cluster, handles);
      if (present ? found.size() >= handles.size() : found.isEmpty()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError((present ? "chunk files never appeared: " : "chunk files still on disk: ") + found);
  }

  /** The chunk files of handles on every chunkserver (D/chunkserver-N/data/chunks/%016x.chunk). */
  private static List<Path> chunkFiles(LocalCluster cluster, List<Long> handles) throws Exception {
    List<Path> files = new ArrayList<>();
    for (int n = 1; n <= CHUNKSERVERS; n++) {
      Path chunks = cluster.dir().resolve("chunkserver-" + n).resolve("data").resolve("chunks");
      for (long handle : handles) {
        Path file = chunks.resolve(String.format(Locale.ROOT, "%016x", handle) + ".chunk");
        if (Files.exists(file)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private static void write(GfsClient client, String path, byte[] data) throws Exception {
    client.create(path, 0, true);
    client.write(path, 0, data, 0, data.length);
  }


  private static byte[] bytes(long seed, int length) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

}
