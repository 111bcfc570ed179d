package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Checksums": a byte flipped in a chunk file on disk is caught by the chunkserver's
 * per-64 KB CRC32C, the reader gets correct data from another replica, and the master replaces
 * the corrupt replica with a good copy; a chunk nobody reads is caught by the scrubber.
 */
class ChecksumIT {
  static final int CHUNK_BYTES = 1 << 20;
  static final long REPAIR_WAIT_MS = 90_000;
  @TempDir static Path dir;
  static LocalCluster cluster;
  static ReplicaBytes replicas;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 4, "1MB", Map.of(
        "replication.scan.interval.ms", "1000",
        "gc.scan.interval.ms", "1000",
        "chunkserver.scrub.interval.ms", "1000",
        // Re-replication leaves a chunk alone while a lease on it may be held (a copy could
        // miss a mutation): short leases let the repair start soon after the writes.
        "lease.duration.ms", "10000",
        // A clone command lost with a heartbeat reply is planned again after this (a clone that
        // fails is reported by its target and planned again at once).
        "replication.clone.timeout.ms", "20000"));
    replicas = new ReplicaBytes(cluster);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (replicas != null) {
      replicas.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aFlippedByteIsNeverReadAndTheCorruptReplicasAreReplaced() throws Exception {
    String path = "/checksum/read";
    byte[] content = random(2 * CHUNK_BYTES, 11);
    try (GfsClient client = cluster.client()) {
      client.create(path, 3, true);
      client.write(path, 0, content, 0, content.length);
      ChunkLocation chunk = replicas.chunks(path).get(0);
      // The first two replicas the master lists: a reader starts with the first, so at least
      // one read meets a corrupt block and must fail over.
      List<ChunkserverInfo> corrupted = chunk.getReplicasList().subList(0, 2);
      for (ChunkserverInfo server : corrupted) {
        flipByte(server.getId(), chunk.getHandle(), 70_000);  // inside block 1
      }
      assertArrayEquals(content, TestFiles.read(client, path),
          "the read returns the written bytes despite two corrupt replicas");
      awaitRepaired(path, chunk.getHandle(), Arrays.copyOf(content, CHUNK_BYTES),
          corrupted.stream().map(ChunkserverInfo::getId).toList());
      assertArrayEquals(content, TestFiles.read(client, path));
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theScrubberFindsCorruptionInAChunkNobodyReads() throws Exception {
    String path = "/checksum/unread";
    byte[] content = random(CHUNK_BYTES / 2, 12);
    ChunkLocation chunk;
    try (GfsClient client = cluster.client()) {
      client.create(path, 3, true);
      client.write(path, 0, content, 0, content.length);
      chunk = replicas.chunks(path).get(0);
    }
    String victim = chunk.getReplicas(chunk.getReplicasCount() - 1).getId();
    flipByte(victim, chunk.getHandle(), content.length - 3);  // inside the last, partial block
    // Nothing reads the file: only the scrubber can find this.
    awaitRepaired(path, chunk.getHandle(), content, List.of(victim));
    try (GfsClient client = cluster.client()) {
      assertArrayEquals(content, TestFiles.read(client, path));
    }
  }

  /**
   * Waits (bounded) until the chunk has three replicas that each serve exactly expected, and
   * no corrupted server still holds the flipped copy (its file was deleted, or replaced by a
   * good clone).
   */
  private static void awaitRepaired(String path, long handle, byte[] expected, List<String> corrupted)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPAIR_WAIT_MS);
    String last = "";
    while (System.nanoTime() < deadline) {
      // The disk is looked at first: reading a flipped copy through its chunkserver would find
      // the corruption itself, and the scrubber test must leave that to the scrubber.
      boolean flippedCopiesGone = true;
      for (String server : corrupted) {
        flippedCopiesGone &= !holdsFlippedCopy(server, handle, expected);
      }
      if (!flippedCopiesGone) {
        last = "a flipped copy is still on disk on one of " + corrupted;
        Thread.sleep(250);
        continue;
      }
      ChunkLocation chunk = replicas.chunks(path).stream().filter(c -> c.getHandle() == handle)
          .findFirst().orElseThrow();
      List<String> good = new ArrayList<>();
      for (ChunkserverInfo replica : chunk.getReplicasList()) {
        try {
          if (Arrays.equals(expected, replicas.read(replica, handle))) {
            good.add(replica.getId());
          }
        } catch (AssertionError | RuntimeException e) {
          // a replica that cannot serve it (being cloned, just deleted): not good yet
        }
      }
      last = "replicas handed out " + chunk.getReplicasList().stream().map(ChunkserverInfo::getId).toList()
          + ", good " + good + ", flipped copies gone";
      if (good.size() == 3 && chunk.getReplicasCount() == 3 && flippedCopiesGone) {
        System.out.println("ChecksumIT: " + path + " repaired: " + last);
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("chunk " + handle + " of " + path + " was not repaired within "
        + REPAIR_WAIT_MS + " ms: " + last + "; what the servers logged of it:" + System.lineSeparator()
        + cluster.logLines("0x" + Long.toHexString(handle) + "\\b", 200));
  }

  private static Path chunkFile(String server, long handle) {
    return cluster.chunkFile(server, handle);
  }

  /** True while server's chunk file still differs from expected (the flipped copy). */
  private static boolean holdsFlippedCopy(String server, long handle, byte[] expected) throws Exception {
    Path file = chunkFile(server, handle);
    if (!Files.exists(file)) {
      return false;
    }
    try {
      byte[] held = Files.readAllBytes(file);
      return !Arrays.equals(expected, Arrays.copyOf(held, Math.min(held.length, expected.length)))
          || held.length < expected.length;
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private static void flipByte(String server, long handle, long position) throws Exception {
    Path file = chunkFile(server, handle);
    assertTrue(Files.exists(file), server + " holds no file for chunk " + handle);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x40);
    }
  }

  private static byte[] random(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }
}
