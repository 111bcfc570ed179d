package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkserverStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Re-replication when a chunk falls below its goal: most-missing first ... the new
 * replica placed by the same rack rules": two of five chunkservers are killed at once; every
 * chunk returns to three live replicas on both racks, the chunks that lost two replicas get
 * their second one back before the last of those that lost one is whole again, and every
 * byte reads back.
 */
class ReReplicationIT {
  static final int CHUNK_SIZE = 1 << 20;
  static final int FILES = 30;
  static final int FILE_BYTES = 2 * CHUNK_SIZE + 10_000;  // three chunks, the last one short
  static final List<String> KILLED = List.of("chunkserver-1", "chunkserver-2");
  static final long RECOVERY_TIMEOUT_MS = 150_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void chunksThatLostTwoReplicasComeBackFirstAndEveryChunkEndsWithThreeOnTwoRacks() throws Exception {
    // A clone command lost with a heartbeat reply is planned again only after the clone
    // timeout; CI once lost one and the 120 s default outlasted the test (as in ChecksumIT).
    Map<String, String> settings = Map.of("replication.scan.interval.ms", "500",
        "chunkserver.dead.after.ms", "3000", "lease.duration.ms", "3000",
        "replication.max.clones.per.server", "4", "replication.clone.timeout.ms", "20000");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 5, "1MB", settings);
         GfsClient client = cluster.client();
         ReplicaProbe probe = new ReplicaProbe(cluster)) {
      Map<String, byte[]> contents = TestFiles.writeRandom(client, "/rr", FILES, FILE_BYTES, 4);
      List<String> paths = List.copyOf(contents.keySet());
      Map<Long, List<String>> before = probe.replicas(paths);
      assertEquals(FILES * 3, before.size());
      Set<Long> lostTwo = new HashSet<>();
      Set<Long> lostOne = new HashSet<>();
      before.forEach((handle, replicas) -> {
        assertEquals(3, replicas.size(), "chunk " + handle + " before the kill: " + replicas);
        int lost = replicas.size() - ReplicaProbe.without(replicas, KILLED).size();
        (lost == 2 ? lostTwo : lost == 1 ? lostOne : new HashSet<Long>()).add(handle);
      });
      assertFalse(lostTwo.isEmpty(), "some chunk had replicas on both killed servers");
      assertFalse(lostOne.isEmpty());

      for (String name : KILLED) {
        cluster.kill(name);
      }
      long killedAtNanos = System.nanoTime();
      Map<Long, Long> reachedTwoMs = new HashMap<>();
      Map<Long, Long> reachedThreeMs = new HashMap<>();
      Map<Long, List<String>> now = Map.of();
      while (reachedThreeMs.size() < before.size()) {
        long elapsedMs = (System.nanoTime() - killedAtNanos) / 1_000_000L;
        assertTrue(elapsedMs < RECOVERY_TIMEOUT_MS, reachedThreeMs.size() + " of " + before.size()
            + " chunks back to 3 replicas after " + elapsedMs + " ms");
        now = probe.replicas(paths);
        for (Map.Entry<Long, List<String>> entry : now.entrySet()) {
          int live = ReplicaProbe.without(entry.getValue(), KILLED).size();
          if (live >= 2) {
            reachedTwoMs.putIfAbsent(entry.getKey(), elapsedMs);
          }
          if (live >= 3) {
            reachedThreeMs.putIfAbsent(entry.getKey(), elapsedMs);
          }
        }
        Thread.sleep(200);
      }
      long lastLostTwoAtTwo = lostTwo.stream().mapToLong(reachedTwoMs::get).max().orElseThrow();
      long lastLostOneAtThree = lostOne.stream().mapToLong(reachedThreeMs::get).max().orElseThrow();
      assertTrue(lastLostTwoAtTwo <= lastLostOneAtThree, "every chunk that lost two replicas had two again ("
          + lastLostTwoAtTwo + " ms) before the last chunk that lost one had three (" + lastLostOneAtThree + " ms)");

      Map<String, String> rackOf = new HashMap<>();
      for (ChunkserverStatus server : probe.chunkservers().values()) {
        rackOf.put(server.getServer().getId(), server.getServer().getRack());
      }
      for (Map.Entry<Long, List<String>> entry : probe.replicas(paths).entrySet()) {
        List<String> live = ReplicaProbe.without(entry.getValue(), KILLED);
        assertEquals(3, live.size(), "chunk " + entry.getKey() + ": " + entry.getValue());
        assertTrue(live.stream().map(rackOf::get).distinct().count() >= 2,
            "chunk " + entry.getKey() + " has replicas on one rack only: " + live);
      }
      TestFiles.assertReadBack(client, contents);
    }
  }

  /**
   * The fault suite's rack partition found this: a chunk under constant appends was never
   * re-replicated, because each clone was taken at the version of the lease it revoked and the
   * next writer's new lease made it stale at once. Now a young clone holds off new leases, so
   * the chunk gets its third replica back while the appender goes on (it waits, bounded, and
   * never fails), and every acknowledged record reads back at its offset.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aChunkAppendedToWithoutPauseIsReReplicatedWhileItsAppenderGoesOn() throws Exception {
    Map<String, String> settings = Map.of("replication.scan.interval.ms", "500",
        "chunkserver.dead.after.ms", "3000", "lease.duration.ms", "3000");
    String path = "/hot/log";
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 4, "4MB", settings);
         GfsClient client = cluster.client();
         GfsClient appenderClient = cluster.client();
         ReplicaProbe probe = new ReplicaProbe(cluster)) {
      client.mkdir("/hot", true);
      client.create(path);
      Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> appendFailure = new AtomicReference<>();
      Thread appender = new Thread(() -> {
        int n = 0;
        while (!stop.get()) {
          byte[] record = ("record " + (n++) + " ").repeat(20).getBytes(StandardCharsets.UTF_8);
          try {
            acknowledged.put(appenderClient.recordAppend(path, record), record);
            Thread.sleep(5);
          } catch (Exception e) {
            appendFailure.compareAndSet(null, e);
            return;
          }
        }
      }, "hot-appender");
      appender.start();
      try {
        while (acknowledged.size() < 100) {
          assertTrue(appender.isAlive(), "appender failed: " + appendFailure.get());
          Thread.sleep(50);
        }
        Map.Entry<Long, List<String>> hot = lastChunk(probe, path);
        assertEquals(3, hot.getValue().size(), "the hot chunk before the kill: " + hot);
        String killed = hot.getValue().get(1);
        cluster.kill(killed);
        long killedAtNanos = System.nanoTime();
        int ackedAtKill = acknowledged.size();
        while (true) {
          long elapsedMs = (System.nanoTime() - killedAtNanos) / 1_000_000L;
          assertTrue(appender.isAlive(), "appender failed " + elapsedMs + " ms after the kill: " + appendFailure.get());
          Map.Entry<Long, List<String>> now = lastChunk(probe, path);
          List<String> live = ReplicaProbe.without(now.getValue(), List.of(killed));
          if (now.getKey().equals(hot.getKey()) && live.size() >= 3) {
            System.out.println("ReReplicationIT: hot chunk " + now.getKey() + " back to 3 replicas " + live + " "
                + elapsedMs + " ms after killing " + killed + ", " + (acknowledged.size() - ackedAtKill)
                + " appends acknowledged meanwhile");
            break;
          }
          assertTrue(now.getKey().equals(hot.getKey()), "the appender filled the hot chunk before it was"
              + " re-replicated; use a larger chunk");
          assertTrue(elapsedMs < 60_000, "hot chunk " + now.getKey() + " still on " + live + " "
              + elapsedMs + " ms after killing " + killed + ":\n"
              + cluster.logLines("0x" + Long.toHexString(now.getKey()) + "\\b", 80));
          Thread.sleep(200);
        }
        int ackedAtRepair = acknowledged.size();
        while (acknowledged.size() < ackedAtRepair + 50) {
          assertTrue(appender.isAlive(), "appender failed after the repair: " + appendFailure.get());
          Thread.sleep(50);
        }
      } finally {
        stop.set(true);
        appender.join(60_000);
      }
      assertEquals(null, appendFailure.get(), "no append failed");
      for (Map.Entry<Long, byte[]> record : acknowledged.entrySet()) {
        byte[] read = new byte[record.getValue().length];
        assertEquals(read.length, client.read(path, record.getKey(), read, 0, read.length));
        assertArrayEquals(record.getValue(), read, "acknowledged record at offset " + record.getKey());
      }
    }
  }

  /** The last chunk of path: its handle and the live up-to-date replicas the leader hands out. */
  private static Map.Entry<Long, List<String>> lastChunk(ReplicaProbe probe, String path) throws Exception {
    Map.Entry<Long, List<String>> last = null;
    for (Map.Entry<Long, List<String>> entry : probe.replicas(List.of(path)).entrySet()) {
      last = entry;
    }
    assertNotNull(last, path + " has no chunk");
    return last;
  }
}
