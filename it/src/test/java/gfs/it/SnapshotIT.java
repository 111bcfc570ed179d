package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.common.ChannelPool;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.data.ChunkserverCalls;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.ReadOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Snapshot: copy-on-write. Revoke outstanding leases on the chunks under the source, log
 * the snapshot, duplicate the metadata with shared chunks; the first write to a shared chunk
 * makes every chunkserver holding it copy it locally to a new handle".
 *
 * <p>A directory of files spanning several chunks is snapshotted while a writer keeps
 * overwriting 64 KB regions of chunks 0 and 1 of one file. The writer writes one region at a
 * time and logs every write, so the data at snapshot time is exactly the file after some
 * prefix of its writes: at least those acknowledged before the snapshot call started, at most
 * those started before it returned. The check is exact: the snapshot must equal one of those
 * prefixes byte for byte, and must not change while the writer goes on. Chunks never written
 * after the snapshot keep one handle shared by both names, and no chunkserver holds a copy of
 * them; the written ones were copied to new handles; a write to the snapshot is copied too
 * and leaves the source alone.
 */
class SnapshotIT {
  static final int CHUNK = 1 << 20;
  static final int REGION = 64 * 1024;
  /** The writer's regions: chunks 0 and 1 of /dir/a, never straddling a chunk boundary. */
  static final int REGIONS = 2 * CHUNK / REGION;
  static final int WRITES_AFTER_SNAPSHOT = 24;

  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void snapshotUnderWritesHoldsExactlyTheDataAtSnapshotTimeAndCopiesOnlyWrittenChunks() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB");
         MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()));
         GfsClient client = cluster.client()) {
      ChunkLocator locator = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
          ReadOptions.getDefaultInstance());
      byte[] a = random(1, 2 * CHUNK + 300_000);   // 3 chunks; the writer touches 0 and 1
      byte[] b = random(2, CHUNK + 200_000);       // 2 chunks, never written again
      byte[] c = random(3, 300_000);               // 1 chunk, never written again
      client.mkdir("/dir", true);
      for (String name : List.of("a", "b", "c")) {
        client.create("/dir/" + name, 0, false);
      }
      client.write("/dir/a", 0, a, 0, a.length);
      client.write("/dir/b", 0, b, 0, b.length);
      client.write("/dir/c", 0, c, 0, c.length);
      List<Long> before = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        before.addAll(handles(locator, "/dir/" + name));
      }
      long maxHandleBefore = before.stream().mapToLong(Long::longValue).max().orElseThrow();

      Writer writer = new Writer(cluster, a);
      Thread thread = new Thread(writer, "it-snapshot-writer");
      thread.start();
      try {
        writer.awaitAcked(8, 60_000);
        int ackedBefore = writer.acked.get();
        long startNanos = System.nanoTime();
        client.snapshot("/dir", "/snap");
        long snapshotMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        int startedBy = writer.started.get();
        writer.awaitAcked(startedBy + WRITES_AFTER_SNAPSHOT, 90_000);
        writer.stop = true;
        thread.join(60_000);
        assertNull(writer.failure.get(), "the writer never failed");

        byte[] snapA = read(client, "/snap/a", a.length);
        int prefix = -1;
        for (int k = ackedBefore; k <= startedBy && prefix < 0; k++) {
          if (Arrays.equals(snapA, writer.contentAfter(k))) {
            prefix = k;
          }
        }
        System.out.println("SnapshotIT: snapshot took " + snapshotMs + " ms; writes acknowledged before it "
            + ackedBefore + ", started by its end " + startedBy + ", snapshot holds the first " + prefix
            + " writes; " + writer.acked.get() + " writes in all");
        assertTrue(prefix >= 0, "/snap/a equals /dir/a after some prefix of the writes between "
            + ackedBefore + " and " + startedBy);
        assertArrayEquals(writer.contentAfter(writer.acked.get()), read(client, "/dir/a", a.length),
            "/dir/a holds every acknowledged write");
        assertArrayEquals(b, read(client, "/snap/b", b.length), "/snap/b");
        assertArrayEquals(c, read(client, "/snap/c", c.length), "/snap/c");

        List<Long> dirA = handles(locator, "/dir/a");
        List<Long> snapA0 = handles(locator, "/snap/a");
        assertNotEquals(dirA.get(0), snapA0.get(0), "written chunk 0 of /dir/a was copied to a new handle");
        assertNotEquals(dirA.get(1), snapA0.get(1), "written chunk 1 of /dir/a was copied to a new handle");
        assertEquals(dirA.get(2), snapA0.get(2), "chunk 2 of /dir/a, never written since, is shared");
        assertEquals(handles(locator, "/dir/b"), handles(locator, "/snap/b"), "/dir/b and /snap/b share chunks");
        assertEquals(handles(locator, "/dir/c"), handles(locator, "/snap/c"), "/dir/c and /snap/c share chunks");
        // On disk: the only chunks made since the snapshot are the copies of the written ones.
        Set<Long> newOnDisk = new TreeSet<>();
        for (long handle : handlesOnDisk(cluster.dir())) {
          if (handle > maxHandleBefore) {
            newOnDisk.add(handle);
          }
        }
        assertEquals(new TreeSet<>(dirA.subList(0, 2)), newOnDisk,
            "chunk files created since the snapshot are exactly the copies of the two written chunks");
        assertTrue(handlesOnDisk(cluster.dir()).containsAll(snapA0), "the snapshot's chunks stay on disk");

        // The snapshot side is copied on its first write too; the source keeps its data.
        byte[] patch = random(4, REGION);
        client.write("/snap/b", 0, patch, 0, patch.length);
        byte[] snapB = b.clone();
        System.arraycopy(patch, 0, snapB, 0, patch.length);
        assertArrayEquals(snapB, read(client, "/snap/b", b.length), "/snap/b has the new write");
        assertArrayEquals(b, read(client, "/dir/b", b.length), "/dir/b is untouched by a write to /snap/b");
        assertNotEquals(handles(locator, "/dir/b").get(0), handles(locator, "/snap/b").get(0));
        assertEquals(handles(locator, "/dir/b").get(1), handles(locator, "/snap/b").get(1));
        // And the snapshot of /dir/a still reads as it did.
        assertArrayEquals(snapA, read(client, "/snap/a", a.length), "/snap/a did not change");
      } finally {
        writer.stop = true;
        thread.join(60_000);
      }
    }
  }

  /**
   * SPEC "Leases: ... revocable (snapshot needs it)" and "a snapshot of a directory excludes
   * creates under it": the primary of a chunk under the source is paused with its 60 s lease
   * running. The snapshot cannot revoke it and must not wait past the call's deadline: it is
   * refused (UNAVAILABLE, naming the chunk and the holder) and nothing is logged. A create
   * below the source issued meanwhile does not complete before the snapshot answered. Once
   * the primary is back, the snapshot revokes its lease and succeeds with the data.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void anUnreachablePrimaryBlocksTheSnapshotAndCreatesBelowWaitForIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB");
         MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()));
         ChannelPool channels = new ChannelPool("it-snapshot");
         GfsClient client = cluster.client()) {
      ChunkLocator locator = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
          ReadOptions.getDefaultInstance());
      byte[] data = random(5, 200_000);
      client.create("/held/f", 0, true);
      client.write("/held/f", 0, data, 0, data.length);
      ChunkLocation chunk = locator.fetch("/held/f", 0, Deadline.afterMs(10_000)).location();
      ChunkserverInfo primary = primaryOf(new ChunkserverCalls(channels, 5_000), chunk);

      cluster.pause(primary.getId());
      String refusal;
      long snapshotMs;
      CompletableFuture<Long> create;
      long snapshotDoneNanos;
      try {
        long start = System.nanoTime();
        CompletableFuture<String> snapshot = CompletableFuture.supplyAsync(() -> {
          try {
            client.snapshot("/held", "/held-snap");
            return null;
          } catch (GfsException e) {
            return e.kind() + ": " + e.getMessage();
          }
        });
        Thread.sleep(500);
        create = CompletableFuture.supplyAsync(() -> {
          try (GfsClient other = cluster.client()) {
            other.create("/held/g", 0, false);
            return System.nanoTime();
          } catch (Exception e) {
            return -1L;  // refused as busy (or timed out): it did not get in either
          }
        });
        refusal = snapshot.get(60, TimeUnit.SECONDS);
        snapshotDoneNanos = System.nanoTime();
        snapshotMs = TimeUnit.NANOSECONDS.toMillis(snapshotDoneNanos - start);
        create.get(60, TimeUnit.SECONDS);
      } finally {
        cluster.resume(primary.getId());
      }
      System.out.println("SnapshotIT: with primary " + primary.getId() + " paused the snapshot answered after "
          + snapshotMs + " ms: " + refusal + "; the create below it "
          + (create.get() < 0 ? "was refused" : "finished "
              + TimeUnit.NANOSECONDS.toMillis(create.get() - snapshotDoneNanos) + " ms after it"));
      assertTrue(refusal != null && refusal.startsWith("UNAVAILABLE")
              && refusal.contains(primary.getId()) && refusal.contains(Long.toHexString(chunk.getHandle())),
          "the snapshot is refused naming the chunk and its unreachable primary: " + refusal);
      assertTrue(create.get() < 0 || create.get() >= snapshotDoneNanos - TimeUnit.MILLISECONDS.toNanos(100),
          "a create below the snapshot's source did not complete while the snapshot held its lock");
      assertTrue(client.list("/").stream().noneMatch(st -> st.path().equals("/held-snap")),
          "a refused snapshot logs nothing");

      // Reachable again: the lease is revoked and the snapshot goes through.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          client.snapshot("/held", "/held-snap");
          break;
        } catch (GfsException e) {
          if (e.kind() != GfsException.Kind.UNAVAILABLE || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(1_000);
        }
      }
      assertArrayEquals(data, read(client, "/held-snap/f", data.length), "the snapshot holds the data");
      assertEquals(chunk.getHandle(), (long) handles(locator, "/held-snap/f").get(0), "and shares its chunk");
    }
  }

  /** The one replica that says it holds a running lease on the chunk. */
  private static ChunkserverInfo primaryOf(ChunkserverCalls calls, ChunkLocation chunk) throws Exception {
    List<ChunkserverInfo> primaries = new ArrayList<>();
    for (ChunkserverInfo replica : chunk.getReplicasList()) {
      GetChunkInfoResponse info = calls.chunkInfo(replica, chunk.getHandle(), Deadline.afterMs(5_000));
      if (info.getPrimary() && info.getLeaseRemainingMs() > 0) {
        primaries.add(replica);
      }
    }
    assertEquals(1, primaries.size(), "exactly one replica holds the lease after a write: " + primaries);
    return primaries.get(0);
  }

  /** Overwrites 64 KB regions of /dir/a one at a time, logging each write in order. */
  private static final class Writer implements Runnable {
    private final LocalCluster cluster;
    private final byte[] initial;
    private final List<byte[]> writes = new ArrayList<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger acked = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean stop;

    Writer(LocalCluster cluster, byte[] initial) {
      this.cluster = cluster;
      this.initial = initial;
    }

    static int offsetOf(int seq) {
      // A stride co-prime with REGIONS visits every region, in an order that keeps changing chunks.
      return (int) ((seq * 7L) % REGIONS) * REGION;
    }

    @Override
    public void run() {
      try (GfsClient client = cluster.client()) {
        for (int seq = 0; !stop; seq++) {
          byte[] data = random(1_000 + seq, REGION);
          ByteBuffer.wrap(data).putInt(seq);
          synchronized (writes) {
            writes.add(data);
          }
          started.incrementAndGet();
          client.write("/dir/a", offsetOf(seq), data, 0, data.length);
          acked.incrementAndGet();
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }

    void awaitAcked(int count, long timeoutMs) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      while (acked.get() < count) {
        if (failure.get() != null) {
          throw new AssertionError("writer failed", failure.get());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("writer acknowledged only " + acked.get() + " of " + count
              + " writes within " + timeoutMs + " ms");
        }
        Thread.sleep(20);
      }
    }

    /** The file after the first k writes. */
    byte[] contentAfter(int k) {
      byte[] content = initial.clone();
      synchronized (writes) {
        for (int seq = 0; seq < k; seq++) {
          System.arraycopy(writes.get(seq), 0, content, offsetOf(seq), REGION);
        }
      }
      return content;
    }
  }

  private static byte[] read(GfsClient client, String path, int length) throws Exception {
    byte[] data = new byte[length];
    int at = 0;
    while (at < length) {
      int n = client.read(path, at, data, at, length - at);
      if (n <= 0) {
        break;
      }
      at += n;
    }
    assertEquals(length, at, "bytes read from " + path);
    return data;
  }

  private static List<Long> handles(ChunkLocator locator, String path) throws Exception {
    long count = locator.fileChunkCount(path, Deadline.afterMs(10_000));
    List<Long> handles = new ArrayList<>();
    for (long index = 0; index < count; index++) {
      handles.add(locator.fetch(path, index, Deadline.afterMs(10_000)).location().getHandle());
    }
    return handles;
  }

  /** Handles of every chunk file under the cluster directory (all chunkservers). */
  private static Set<Long> handlesOnDisk(Path clusterDir) throws Exception {
    Set<Long> handles = new HashSet<>();
    try (Stream<Path> files = Files.walk(clusterDir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".chunk"))
          .forEach(n -> handles.add(Long.parseUnsignedLong(
              n.substring(0, n.length() - ".chunk".length()).toLowerCase(Locale.ROOT), 16)));
    }
    return handles;
  }

  private static byte[] random(long seed, int length) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }
}
