package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data path end to end on a real local cluster: 3 masters, 4 chunkservers, 1 MB chunks. */
class DataPathIT {
  static final int CHUNK_SIZE = 1 << 20;
  @TempDir static Path dir;
  static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 4, "1MB");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aFileOfSeveralChunksPutAndGotBackIsByteIdenticalAndRandomReadsMatch() throws Exception {
    byte[] content = new byte[5 * CHUNK_SIZE + 123_457];
    new Random(42).nextBytes(content);
    Path source = dir.resolve("source.bin");
    Files.write(source, content);

    GfsCommand.Result put = cluster.gfs("put", source.toString(), "/data/big.bin");
    assertEquals(0, put.exitCode(), put.toString());
    Path copy = dir.resolve("copy.bin");
    GfsCommand.Result get = cluster.gfs("get", "/data/big.bin", copy.toString());
    assertEquals(0, get.exitCode(), get.toString());
    assertArrayEquals(content, Files.readAllBytes(copy), "get returns exactly what put stored");

    try (GfsClient client = cluster.client()) {
      assertEquals(content.length, client.length("/data/big.bin"));
      Random random = new Random(7);
      for (int i = 0; i < 60; i++) {
        int offset = random.nextInt(content.length);
        int length = 1 + random.nextInt(Math.min(3 * CHUNK_SIZE, content.length - offset));
        byte[] buffer = new byte[length];
        int total = 0;
        while (total < length) {
          int n = client.read("/data/big.bin", offset + total, buffer, total, length - total);
          assertTrue(n > 0, "read at " + (offset + total) + " returned " + n);
          total += n;
        }
        assertArrayEquals(Arrays.copyOfRange(content, offset, offset + length), buffer,
            "bytes at offset " + offset + " length " + length);
      }
      assertEquals(-1, client.read("/data/big.bin", content.length, new byte[10], 0, 10), "read at EOF");
    }
  }

  @Test
  void concurrentRecordAppendsAreAllPresentWholeAtTheirOffsets() throws Exception {
    int clients = 8;
    int recordsPerClient = 40;
    try (GfsClient setup = cluster.client()) {
      setup.create("/logs/shared.log", 0, true);
    }
    Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> writers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int clientNumber = c;
      writers.add(pool.submit(() -> {
        Random random = new Random(clientNumber);
        try (GfsClient client = cluster.client()) {
          for (int r = 0; r < recordsPerClient; r++) {
            byte[] record = record(clientNumber, r, 100 + random.nextInt(30_000), random);
            long offset = client.recordAppend("/logs/shared.log", record);
            byte[] previous = acknowledged.put(offset, record);
            assertEquals(null, previous, "two records acknowledged at offset " + offset);
          }
        }
        return null;
      }));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    pool.shutdown();
    assertEquals(clients * recordsPerClient, acknowledged.size());

    TreeMap<Long, byte[]> byOffset = new TreeMap<>(acknowledged);
    long previousEnd = 0;
    try (GfsClient client = cluster.client()) {
      for (Map.Entry<Long, byte[]> entry : byOffset.entrySet()) {
        long offset = entry.getKey();
        byte[] expected = entry.getValue();
        assertTrue(offset >= previousEnd, "record at " + offset + " overlaps the one ending at " + previousEnd);
        assertEquals(offset / CHUNK_SIZE, (offset + expected.length - 1) / CHUNK_SIZE,
            "record at " + offset + " straddles a chunk boundary");
        byte[] actual = new byte[expected.length];
        int total = 0;
        while (total < actual.length) {
          int n = client.read("/logs/shared.log", offset + total, actual, total, actual.length - total);
          assertTrue(n > 0);
          total += n;
        }
        assertArrayEquals(expected, actual, "record at offset " + offset + " is whole and untouched");
        previousEnd = offset + expected.length;
      }
    }
  }

  /** A record that names its writer and sequence number and carries a checksum of its body. */
  private static byte[] record(int client, int sequence, int length, Random random) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    byte[] body = new byte[length - 16];
    random.nextBytes(body);
    CRC32C crc = new CRC32C();
    crc.update(body);
    buffer.putInt(client).putInt(sequence).putLong(crc.getValue()).put(body);
    return buffer.array();
  }

  @Test
  void appendFromStdinRecordsEveryLineAndCatPrintsThem() throws Exception {
    String lines = "first line\nsecond line\nthird line\n";
    GfsCommand.Result append = cluster.gfsWithInput(lines.getBytes(StandardCharsets.UTF_8), "append", "/logs/lines.txt");
    assertEquals(0, append.exitCode(), append.toString());
    GfsCommand.Result cat = cluster.gfs("cat", "/logs/lines.txt");
    assertEquals(0, cat.exitCode(), cat.toString());
    assertEquals(lines, cat.stdout());
  }

  @Test
  void namespaceCommandsWorkThroughTheLauncher() throws Exception {
    assertEquals(0, cluster.gfs("mkdir", "-p", "/ns/a/b").exitCode());
    assertEquals(0, cluster.gfsWithInput("hello".getBytes(StandardCharsets.UTF_8), "put", "-", "/ns/a/b/hello.txt").exitCode());
    assertEquals(0, cluster.gfs("mv", "/ns/a/b/hello.txt", "/ns/a/hello.txt").exitCode());
    GfsCommand.Result ls = cluster.gfs("ls", "/ns/a");
    assertEquals(0, ls.exitCode(), ls.toString());
    assertTrue(ls.stdout().contains("hello.txt") && ls.stdout().contains("b"), ls.stdout());
    GfsCommand.Result stat = cluster.gfs("stat", "--json", "/ns/a/hello.txt");
    assertEquals(0, stat.exitCode(), stat.toString());
    assertTrue(stat.stdout().contains("hello.txt"), stat.stdout());
    assertEquals(0, cluster.gfs("rm", "/ns/a/hello.txt").exitCode());
    GfsCommand.Result gone = cluster.gfs("stat", "/ns/a/hello.txt");
    assertNotEquals(0, gone.exitCode());
    GfsCommand.Result clusterView = cluster.gfs("cluster");
    assertEquals(0, clusterView.exitCode(), clusterView.toString());
    assertTrue(clusterView.stdout().contains("LEADER") && clusterView.stdout().contains("chunkserver-4"),
        clusterView.stdout());
  }

  @Test
  void badInputGetsAOneLineErrorNamingTheProblemAndANonZeroExit() throws Exception {
    GfsCommand.Result missing = cluster.gfs("cat", "/no/such/file");
    assertOneLineError(missing, "/no/such/file");

    cluster.gfs("mkdir", "-p", "/a-directory");
    GfsCommand.Result directory = cluster.gfs("cat", "/a-directory");
    assertOneLineError(directory, "/a-directory");

    // One line of a quarter chunk plus its newline: one byte over the record limit, which the error names.
    byte[] tooLarge = new byte[CHUNK_SIZE / 4 + 1];
    Arrays.fill(tooLarge, (byte) 'x');
    tooLarge[tooLarge.length - 1] = '\n';
    GfsCommand.Result record = cluster.gfsWithInput(tooLarge, "append", "/logs/too-large.log");
    assertOneLineError(record, String.valueOf(CHUNK_SIZE / 4));

    GfsCommand.Result unreachable = GfsCommand.run(Map.of("GFS_HOME", dir.resolve("empty-home").toString()), null,
        60_000, "ls", "/", "--masters", "127.0.0.1:1", "--timeout", "3000");
    assertOneLineError(unreachable, "127.0.0.1:1");
    assertTrue(unreachable.elapsedMs() < 20_000, "gave up after " + unreachable.elapsedMs() + " ms");
  }

  private static void assertOneLineError(GfsCommand.Result result, String mustName) {
    assertNotEquals(0, result.exitCode(), result.toString());
    String stderr = result.stderr().strip();
    assertEquals(1, stderr.lines().count(), "one line on stderr: " + result);
    assertTrue(stderr.contains(mustName), "the error names " + mustName + ": " + stderr);
    assertTrue(!stderr.contains("Exception") && !stderr.contains("\tat "), "no stack trace: " + stderr);
  }
}
