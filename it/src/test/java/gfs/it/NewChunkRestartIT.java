package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk written only under its first lease (still at version 1) survives every master
 * restarting while its replicas' servers are down. The restarted masters know no replica of it
 * (locations are soft state); a write to it must wait for those servers, never create the chunk
 * again, empty, on the server that is up. KillEverythingFaultIT found that loss (issue 9).
 */
class NewChunkRestartIT {
  static final int CHUNKSERVERS = 4;
  static final String PATH = "/new/file";
  static final long WAIT_MS = 60_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aNewChunkIsWaitedForAfterEveryMasterRestartsNeverCreatedEmptyAgain() throws Exception {
    Map<String, String> settings = Map.of("lease.duration.ms", "3000");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), CHUNKSERVERS, "1MB", settings)) {
      byte[] written = new byte[200_000];
      new Random(4242).nextBytes(written);
      try (GfsClient client = cluster.client()) {
        client.create(PATH, 3, true);
        client.write(PATH, 0, written, 0, written.length);
      }
      List<String> holders = serversWithChunkFiles(cluster);
      assertEquals(3, holders.size(), "the file's one chunk is on three of four servers: " + holders);
      String bystander = "chunkserver-" + Stream.iterate(1, i -> i + 1).limit(CHUNKSERVERS)
          .filter(i -> !holders.contains("chunkserver-" + i)).findFirst().orElseThrow();

      for (String name : List.of("master-1", "master-2", "master-3")) {
        cluster.kill(name);
      }
      for (String holder : holders) {
        cluster.kill(holder);
      }
      for (String name : List.of("master-1", "master-2", "master-3")) {
        cluster.restart(name);
      }
      cluster.awaitLeader(WAIT_MS);
      try (ReplicaProbe probe = new ReplicaProbe(cluster)) {
        awaitLive(probe, List.of(bystander));
      }

      byte[] overwrite = "rewritten".getBytes(StandardCharsets.UTF_8);
      ClientConfig shortDeadline = ClientConfig.load(cluster.clientConf()).withOperationTimeoutMs(6_000);
      try (GfsClient client = GfsClient.connect(shortDeadline)) {
        GfsException refused = assertThrows(GfsException.class,
            () -> client.write(PATH, 0, overwrite, 0, overwrite.length),
            "no replica of the chunk is reachable: the write must fail, not go to a new empty chunk on "
                + bystander);
        assertTrue(refused.getMessage().contains("no replica of it is known"),
            "the error says the chunk's replicas are not known yet: " + refused.getMessage());
        for (String holder : holders) {
          assertTrue(refused.getMessage().contains(holder), "the error names " + holder + ": "
              + refused.getMessage());
        }
      }
      assertFalse(Files.exists(chunkFileOf(cluster, bystander)),
          "no chunk was created on " + bystander);

      for (String holder : holders) {
        cluster.restart(holder);
      }
      try (ReplicaProbe probe = new ReplicaProbe(cluster)) {
        awaitLive(probe, holders);
      }
      try (GfsClient client = cluster.client()) {
        byte[] read = new byte[written.length];
        int n = readFully(client, read);
        assertEquals(written.length, n, "the whole acknowledged write is read back");
        assertArrayEquals(written, read, "the bytes written before the restart are intact");
        client.write(PATH, 0, overwrite, 0, overwrite.length);
        byte[] head = new byte[overwrite.length];
        client.read(PATH, 0, head, 0, head.length);
        assertArrayEquals(overwrite, head, "the chunk takes writes again once its servers are back");
      }
    }
  }

  /** Chunkservers with a chunk file on disk (the cluster holds one chunk). */
  private static List<String> serversWithChunkFiles(LocalCluster cluster) throws Exception {
    List<String> servers = new ArrayList<>();
    for (int i = 1; i <= CHUNKSERVERS; i++) {
      String name = "chunkserver-" + i;
      if (Files.exists(chunkFileOf(cluster, name))) {
        servers.add(name);
      }
    }
    return servers;
  }

  /** The first (and only) chunk of the cluster: handle 1. */
  private static Path chunkFileOf(LocalCluster cluster, String server) {
    return cluster.chunkFile(server, 1);
  }

  private static void awaitLive(ReplicaProbe probe, List<String> servers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (true) {
      Map<String, ChunkserverStatus> status = probe.chunkservers();
      if (servers.stream().allMatch(s -> status.containsKey(s)
          && status.get(s).getState() == ChunkserverState.LIVE)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the leader does not see " + servers + " live: " + status.keySet());
      }
      Thread.sleep(200);
    }
  }

  /** Reads the file from its start until the buffer is full or the file ends. */
  private static int readFully(GfsClient client, byte[] buffer) throws GfsException {
    int total = 0;
    while (total < buffer.length) {
      int n = client.read(PATH, total, buffer, total, buffer.length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
