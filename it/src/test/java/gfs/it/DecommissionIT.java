package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Decommission: drain a chunkserver (re-replicate everything elsewhere) before removal"
 * and issue 4 "Decommission a chunkserver: no chunk loses a replica at any moment": while one
 * of four chunkservers drains, every chunk keeps at least its three live replicas; once it is
 * reported DECOMMISSIONED it is killed and every file still reads back.
 */
class DecommissionIT {
  static final int CHUNK_SIZE = 1 << 20;
  static final int FILES = 16;
  static final int FILE_BYTES = CHUNK_SIZE + 50_000;  // two chunks
  static final String DRAINED = "chunkserver-1";
  static final long DRAIN_TIMEOUT_MS = 120_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aDrainingChunkserverNeverCostsAChunkAReplicaAndIsSafeToRemoveWhenDrained() throws Exception {
    Map<String, String> settings = Map.of("replication.scan.interval.ms", "500",
        "chunkserver.dead.after.ms", "3000", "lease.duration.ms", "3000",
        "replication.max.clones.per.server", "4");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 4, "1MB", settings);
         GfsClient client = cluster.client();
         ReplicaProbe probe = new ReplicaProbe(cluster)) {
      Map<String, byte[]> contents = TestFiles.writeRandom(client, "/dc", FILES, FILE_BYTES, 5);
      List<String> paths = List.copyOf(contents.keySet());
      long onDrained = probe.replicas(paths).values().stream().filter(r -> r.contains(DRAINED)).count();
      assertTrue(onDrained > 0, DRAINED + " holds some chunks");

      client.admin().decommission(DRAINED);
      long startNanos = System.nanoTime();
      int polls = 0;
      while (true) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000L;
        for (Map.Entry<Long, List<String>> entry : probe.replicas(paths).entrySet()) {
          assertTrue(entry.getValue().size() >= 3, "chunk " + entry.getKey() + " has only "
              + entry.getValue() + " after " + elapsedMs + " ms of draining");
        }
        polls++;
        ChunkserverStatus status = probe.chunkservers().get(DRAINED);
        if (status.getState() == ChunkserverState.DECOMMISSIONED) {
          assertEquals(0, status.getChunksToDrain());
          break;
        }
        assertEquals(ChunkserverState.DECOMMISSIONING, status.getState(), "state while draining");
        assertTrue(elapsedMs < DRAIN_TIMEOUT_MS, DRAINED + " still has " + status.getChunksToDrain()
            + " chunks to drain after " + elapsedMs + " ms");
        Thread.sleep(200);
      }
      assertTrue(polls > 1, "the drain was watched while it ran");

      cluster.kill(DRAINED);
      for (Map.Entry<Long, List<String>> entry : probe.replicas(paths).entrySet()) {
        assertTrue(ReplicaProbe.without(entry.getValue(), List.of(DRAINED)).size() >= 3,
            "chunk " + entry.getKey() + " without " + DRAINED + ": " + entry.getValue());
      }
      TestFiles.assertReadBack(client, contents);
    }
  }
}
