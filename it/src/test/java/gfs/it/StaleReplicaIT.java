package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkserverState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC/issue 4 "stale replica detection": a chunkserver that was down while its chunks were
 * mutated comes back with old versions. The master must never hand those replicas to a reader
 * and must have them deleted. Checked from the outside: chunk locations never name the
 * restarted server for those chunks, reads return the new bytes, and the old chunk files vanish
 * from its disk.
 */
class StaleReplicaIT {
  static final int CHUNKSERVERS = 4;
  static final int CHUNK_BYTES = 1 << 20;
  static final String PATH = "/stale/file";
  static final long WAIT_MS = 60_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aRestartedServersOldReplicasAreNeverHandedOutAndAreDeleted() throws Exception {
    Map<String, String> settings = Map.of(
        "chunkserver.dead.after.ms", "3000",
        "lease.duration.ms", "3000",
        "replication.scan.interval.ms", "1000",
        "gc.scan.interval.ms", "1000");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), CHUNKSERVERS, "1MB", settings);
         ReplicaProbe probe = new ReplicaProbe(cluster);
         GfsClient client = cluster.client()) {
      byte[] before = filled('A', 2 * CHUNK_BYTES);
      client.create(PATH, 0, true);
      client.write(PATH, 0, before, 0, before.length);
      // On a loaded machine the leader may have missed a heartbeat or two (dead after 3 s) and
      // placed a chunk on fewer servers than its goal: let re-replication finish first, or the
      // victim could hold the only copy and its death would lose the data this test rewrites.
      Map<Long, List<String>> placed = awaitFullyReplicated(probe);
      String victim = placed.values().iterator().next().get(0);
      List<Long> victimHandles = new ArrayList<>();
      placed.forEach((handle, servers) -> {
        if (servers.contains(victim)) {
          victimHandles.add(handle);
        }
      });
      assertFalse(victimHandles.isEmpty());
      assertTrue(chunkFiles(cluster, victim, victimHandles).size() == victimHandles.size(),
          "the victim holds its replicas on disk before it dies");

      cluster.kill(victim);
      awaitState(probe, victim, ChunkserverState.DEAD);
      byte[] after = filled('B', before.length);
      client.write(PATH, 0, after, 0, after.length); // new leases: new versions without the victim

      cluster.restart(victim);
      awaitState(probe, victim, ChunkserverState.LIVE);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
      List<Path> left = chunkFiles(cluster, victim, victimHandles);
      int polls = 0;
      while (!left.isEmpty() && System.nanoTime() < deadline) {
        for (Map.Entry<Long, List<String>> chunk : probe.replicas(List.of(PATH)).entrySet()) {
          if (victimHandles.contains(chunk.getKey())) {
            assertFalse(chunk.getValue().contains(victim), "the stale replica of chunk "
                + chunk.getKey() + " on " + victim + " was handed out: " + chunk.getValue());
          }
        }
        assertArrayEquals(after, TestFiles.read(client, PATH), "a read returned old bytes");
        polls++;
        Thread.sleep(250);
        left = chunkFiles(cluster, victim, victimHandles);
      }
      System.out.println("StaleReplicaIT: " + victim + " held " + victimHandles.size()
          + " chunks; after its restart " + polls + " polls saw no stale replica handed out;"
          + " files left: " + left);
      assertTrue(left.isEmpty(), "stale chunk files still on " + victim + "'s disk after "
          + WAIT_MS + " ms: " + left);
      assertArrayEquals(after, TestFiles.read(client, PATH));
    }
  }

  /** Every chunk of PATH on 3 chunkservers (the replication goal), waiting up to WAIT_MS. */
  private static Map<Long, List<String>> awaitFullyReplicated(ReplicaProbe probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    Map<Long, List<String>> placed = probe.replicas(List.of(PATH));
    while (placed.values().stream().anyMatch(servers -> servers.size() < 3)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("chunks of " + PATH + " not on 3 chunkservers within " + WAIT_MS + " ms: " + placed);
      }
      Thread.sleep(200);
      placed = probe.replicas(List.of(PATH));
    }
    return placed;
  }

  private static void awaitState(ReplicaProbe probe, String server, ChunkserverState state)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (System.nanoTime() < deadline) {
      var status = probe.chunkservers().get(server);
      if (status != null && status.getState() == state) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(server + " never became " + state);
  }

  /** The chunk files of handles on server's disk (D/NAME/data/chunks/%016x.chunk). */
  private static List<Path> chunkFiles(LocalCluster cluster, String server, List<Long> handles) {
    List<Path> files = new ArrayList<>();
    for (long handle : handles) {
      Path file = cluster.chunkFile(server, handle);
      if (Files.exists(file)) {
        files.add(file);
      }
    }
    return files;
  }


  private static byte[] filled(char c, int length) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) c);
    return data;
  }
}
