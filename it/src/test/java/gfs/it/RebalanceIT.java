package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusResponse;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Rebalancing: periodic moves toward even disk use; new chunkservers fill gradually":
 * three chunkservers hold every chunk; a fourth, empty one joins; chunk bytes converge within
 * 10 % of the mean while the clones under way never exceed the configured limits, and every
 * file still reads back.
 */
class RebalanceIT {
  static final int CHUNK_SIZE = 1 << 20;
  static final int FILES = 12;
  static final int FILE_BYTES = 2 * CHUNK_SIZE;  // two full chunks
  static final int MAX_CLONES_PER_SERVER = 3;
  static final int MAX_CLONES = 4;
  static final int MAX_MOVES_PER_SERVER = 2;
  static final long CONVERGE_TIMEOUT_MS = 150_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aNewEmptyChunkserverIsFilledGraduallyUntilDiskUseIsEven() throws Exception {
    Map<String, String> settings = Map.of("replication.scan.interval.ms", "500",
        "chunkserver.dead.after.ms", "3000", "lease.duration.ms", "3000",
        "rebalance.interval.ms", "1000",
        "rebalance.max.moves.per.server", String.valueOf(MAX_MOVES_PER_SERVER),
        "replication.max.clones.per.server", String.valueOf(MAX_CLONES_PER_SERVER),
        "replication.max.clones", String.valueOf(MAX_CLONES));
    Process fourth = null;
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB", settings);
         GfsClient client = cluster.client();
         ReplicaProbe probe = new ReplicaProbe(cluster)) {
      Map<String, byte[]> contents = TestFiles.writeRandom(client, "/rb", FILES, FILE_BYTES, 6);
      List<String> paths = List.copyOf(contents.keySet());

      fourth = startFourth(cluster);
      long startNanos = System.nanoTime();
      int maxSeenInFlight = 0;
      while (true) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000L;
        ClusterStatusResponse status = probe.status();
        assertTrue(status.getClonesInFlight() <= MAX_CLONES, "clones in flight " + status.getClonesInFlight());
        maxSeenInFlight = Math.max(maxSeenInFlight, (int) status.getClonesInFlight());
        List<Long> used = new ArrayList<>();
        for (ChunkserverStatus server : status.getChunkserversList()) {
          assertTrue(server.getClonesInFlight() <= MAX_CLONES_PER_SERVER,
              server.getServer().getId() + " receives " + server.getClonesInFlight() + " clones");
          if (server.getServer().getId().equals("chunkserver-4")) {
            assertTrue(server.getClonesInFlight() <= MAX_MOVES_PER_SERVER,
                "the new server receives " + server.getClonesInFlight() + " moves at once");
          }
          if (server.getState() == ChunkserverState.LIVE) {
            used.add(server.getDisk().getUsedBytes());
          }
        }
        if (used.size() == 4 && withinTenPercent(used)) {
          break;
        }
        assertTrue(elapsedMs < CONVERGE_TIMEOUT_MS, "chunk bytes " + used + " not within 10% of their mean after "
            + elapsedMs + " ms");
        Thread.sleep(250);
      }
      assertTrue(maxSeenInFlight > 0, "moves were seen under way");

      for (Map.Entry<Long, List<String>> entry : probe.replicas(paths).entrySet()) {
        assertTrue(entry.getValue().size() >= 3, "chunk " + entry.getKey() + ": " + entry.getValue());
      }
      TestFiles.assertReadBack(client, contents);
    } finally {
      if (fourth != null) {
        fourth.destroy();
        if (!fourth.waitFor(20, TimeUnit.SECONDS)) {
          fourth.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static boolean withinTenPercent(List<Long> used) {
    double mean = used.stream().mapToLong(Long::longValue).average().orElse(0);
    return mean > 0 && used.stream().allMatch(u -> Math.abs(u - mean) <= mean * 0.1);
  }

  /**
   * chunkserver-4: chunkserver-3's config with a new id, any free port and its own data
   * directory, on rack-2 (chunkserver-2's rack, the one with a single server: with every chunk
   * on all three old servers, only a second server on that rack can take rack-2's replicas
   * without leaving a chunk on one rack), run as `./gfs chunkserver --config FILE`.
   */
  private static Process startFourth(LocalCluster cluster) throws Exception {
    Path clusterDir = cluster.dir().toRealPath();
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(clusterDir.resolve("chunkserver-3/chunkserver.properties"))) {
      properties.load(in);
    }
    Path home = Files.createDirectories(clusterDir.resolve("chunkserver-4"));
    properties.setProperty("chunkserver.id", "chunkserver-4");
    properties.setProperty("chunkserver.port", "0");
    properties.setProperty("chunkserver.metrics.port", "0");
    properties.setProperty("chunkserver.rack", "rack-2");
    properties.setProperty("chunkserver.data.dir", home.resolve("data").toString());
    Path config = home.resolve("chunkserver.properties");
    try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      properties.store(out, "chunkserver-3's config with a new id, port and data directory");
    }
    ProcessBuilder builder = new ProcessBuilder(GfsCommand.root().resolve("gfs").toString(),
        "chunkserver", "--config", config.toString())
        .directory(clusterDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(clusterDir.resolve("chunkserver-4.log").toFile()))
        .redirectErrorStream(true);
    builder.environment().putAll(cluster.env());
    Process process = builder.start();
    assertEquals(true, process.isAlive(), "chunkserver-4 started");
    return process;
  }
}
