package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkserverStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
    Map<String, String> settings = Map.of("replication.scan.interval.ms", "500",
        "chunkserver.dead.after.ms", "3000", "lease.duration.ms", "3000",
        "replication.max.clones.per.server", "4");
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
}
