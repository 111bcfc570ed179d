package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import gfs.client.GfsClient;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file commands as an operator runs them, through ./gfs against one real local cluster (3
 * masters, 3 chunkservers, 1 MB chunks so that files cross chunks): put and get of directory
 * trees, ls -R, head, tail and tail -f, cp, du, df and checksum, each with its output, exit code
 * and bad input (missing path, a directory where a file is needed, a bad -c). The tests share the
 * cluster and run in order; the last one kills chunkservers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FileCommandsIT {
  static final int CHUNK_SIZE = 1 << 20;
  @TempDir static Path dir;
  static LocalCluster cluster;
  static byte[] big;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB");
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("notes/deep"));
    Files.createDirectories(src.resolve("empty"));
    big = new byte[CHUNK_SIZE + 512 * 1024];
    new Random(5).nextBytes(big);
    Files.write(src.resolve("big.bin"), big);
    Files.writeString(src.resolve("notes/a.txt"), "alpha\n");
    Files.writeString(src.resolve("notes/deep/b.txt"), "beta\n");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static GfsCommand.Result ok(String... args) throws Exception {
    GfsCommand.Result result = cluster.gfs(args);
    assertEquals(0, result.exitCode(), "./gfs " + String.join(" ", args) + ": " + result);
    assertEquals("", result.stderr(), "./gfs " + String.join(" ", args));
    return result;
  }

  /** The command fails with this exit code and exactly one error line on stderr. */
  private static void fails(int exitCode, String error, String... args) throws Exception {
    GfsCommand.Result result = cluster.gfs(args);
    assertEquals(exitCode, result.exitCode(), "./gfs " + String.join(" ", args) + ": " + result);
    assertEquals("", result.stdout(), "./gfs " + String.join(" ", args));
    assertTrue(result.stderr().startsWith("gfs: " + error) && result.stderr().endsWith("\n")
        && result.stderr().indexOf('\n') == result.stderr().length() - 1,
        "./gfs " + String.join(" ", args) + " should print one line 'gfs: " + error + "...', got: "
            + result.stderr());
  }

  private static ListValue jsonList(String text) throws Exception {
    ListValue.Builder list = ListValue.newBuilder();
    JsonFormat.parser().merge(text, list);
    return list.build();
  }

  private static Struct jsonObject(String text) throws Exception {
    Struct.Builder object = Struct.newBuilder();
    JsonFormat.parser().merge(text, object);
    return object.build();
  }

  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  private static void write(String path, byte[] content) throws Exception {
    try (GfsClient client = cluster.client()) {
      client.create(path, 0, true);
      try (OutputStream out = client.openOutputStream(path)) {
        out.write(content);
      }
    }
  }

  @Test
  @Order(1)
  void putAndGetCopyWholeDirectoryTreesAndLsRListsThem() throws Exception {
    Path src = dir.resolve("src");
    ok("put", src.toString(), "/tree");
    assertEquals("/tree/big.bin\n/tree/empty/\n/tree/notes/\n/tree/notes/a.txt\n/tree/notes/deep/\n"
        + "/tree/notes/deep/b.txt\n", ok("ls", "-R", "/tree").stdout());
    ListValue json = jsonList(ok("ls", "-R", "--json", "/tree").stdout());
    List<String> paths = new ArrayList<>();
    for (Value entry : json.getValuesList()) {
      paths.add(entry.getStructValue().getFieldsOrThrow("path").getStringValue());
    }
    assertEquals(List.of("/tree/big.bin", "/tree/empty", "/tree/notes", "/tree/notes/a.txt",
        "/tree/notes/deep", "/tree/notes/deep/b.txt"), paths);
    ok("put", src.resolve("notes").toString(), "/");       // an existing directory: into it
    assertEquals("alpha\n", ok("cat", "/notes/a.txt").stdout());

    Path back = dir.resolve("back");
    Struct got = jsonObject(ok("get", "--json", "/tree", back.toString()).stdout());
    assertEquals(3, got.getFieldsOrThrow("files").getNumberValue());
    assertEquals(big.length + 6 + 5, got.getFieldsOrThrow("length").getNumberValue());
    assertArrayEquals(big, Files.readAllBytes(back.resolve("big.bin")));
    assertEquals("alpha\n", Files.readString(back.resolve("notes/a.txt")));
    assertEquals("beta\n", Files.readString(back.resolve("notes/deep/b.txt")));
    assertTrue(Files.isDirectory(back.resolve("empty")), "empty directories come back too");
    Files.delete(back.resolve("notes/deep/b.txt"));
    ok("get", "/tree/notes", back.toString());              // an existing local directory: into it
    assertEquals("beta\n", Files.readString(back.resolve("notes/deep/b.txt")));

    fails(1, "nope.txt: no such file or directory", "put", "nope.txt", "/x");
    fails(1, "/tree/big.bin is a file", "put", src.toString(), "/tree/big.bin");
    fails(1, "/tree is a directory; get - writes one file to stdout", "get", "/tree", "-");
    fails(1, "/missing does not exist", "get", "/missing", dir.resolve("m").toString());
  }

  @Test
  @Order(2)
  void headAndTailPrintTheFirstAndLastBytesOrLines() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 400; i++) {
      log.append("line ").append(i).append('\n');
    }
    byte[] logBytes = log.toString().getBytes(StandardCharsets.UTF_8);
    write("/text/log.txt", logBytes);
    StringBuilder rows = new StringBuilder();  // 2.2 MB of lines: three chunks
    for (int i = 0; i < 200_000; i++) {
      rows.append(String.format(Locale.ROOT, "row %06d\n", i));
    }
    write("/text/rows.txt", rows.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals(new String(logBytes, 0, 1024, StandardCharsets.UTF_8),
        ok("head", "/text/log.txt").stdout(), "1 KiB by default");
    assertEquals("line 1\nline 2\nline 3\n", ok("head", "-n", "3", "/text/log.txt").stdout());
    assertEquals("line 399\nline 400\n", ok("tail", "-n", "2", "/text/log.txt").stdout());
    assertEquals("row 199998\nrow 199999\n", ok("tail", "-n", "2", "/text/rows.txt").stdout());
    assertEquals(rows.substring(0, 1_500_000), ok("head", "-c", "1500000", "/text/rows.txt").stdout(),
        "across a chunk boundary");
    Struct head = jsonObject(ok("head", "--json", "-c", "10", "/text/log.txt").stdout());
    assertEquals(0, head.getFieldsOrThrow("offset").getNumberValue());
    assertEquals("line 1\nlin", new String(Base64.getDecoder().decode(
        head.getFieldsOrThrow("data").getStringValue()), StandardCharsets.UTF_8));
    Struct tail = jsonObject(ok("tail", "--json", "-c", "4", "/text/log.txt").stdout());
    assertEquals(logBytes.length - 4, tail.getFieldsOrThrow("offset").getNumberValue());
    assertEquals("400\n", new String(Base64.getDecoder().decode(
        tail.getFieldsOrThrow("data").getStringValue()), StandardCharsets.UTF_8));

    fails(1, "/text is a directory", "head", "/text");
    fails(1, "/text/nope does not exist", "tail", "/text/nope");
    fails(2, "Invalid value for option '-c': size 'lots' is not a number", "head", "-c", "lots",
        "/text/log.txt");
    fails(2, "-n must be at least 1 line, not 0", "tail", "-n", "0", "/text/log.txt");
  }

  @Test
  @Order(3)
  void tailFollowPrintsWhatIsAppendedUntilStopped() throws Exception {
    write("/text/follow.log", "first\n".getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("follow.out");
    ProcessBuilder builder = new ProcessBuilder(GfsCommand.root().resolve("gfs").toString(),
        "tail", "-f", "--interval", "200", "-n", "1", "/text/follow.log")
        .directory(GfsCommand.root().toFile())
        .redirectOutput(out.toFile()).redirectError(dir.resolve("follow.err").toFile());
    builder.environment().putAll(cluster.env());
    Process tail = builder.start();
    try {
      awaitContent(out, "first\n", tail);
      try (GfsClient client = cluster.client()) {
        client.recordAppend("/text/follow.log", "second\n".getBytes(StandardCharsets.UTF_8));
        client.recordAppend("/text/follow.log", "third\n".getBytes(StandardCharsets.UTF_8));
      }
      awaitContent(out, "first\nsecond\nthird\n", tail);
      assertTrue(tail.isAlive(), "tail -f keeps following");
    } finally {
      tail.destroy();
      assertTrue(tail.waitFor(10, TimeUnit.SECONDS), "tail -f ends on SIGTERM");
    }
  }

  private static void awaitContent(Path file, String expected, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String content = "";
    while (System.nanoTime() < deadline) {
      content = Files.readString(file, StandardCharsets.UTF_8);
      if (content.equals(expected)) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("tail -f printed '" + content + "', expected '" + expected
        + "'; stderr: " + Files.readString(dir.resolve("follow.err")));
  }

  @Test
  @Order(4)
  void cpCopiesFilesAndTreesKeepingTheirReplication() throws Exception {
    ok("setrep", "2", "/tree/notes/a.txt");
    ok("cp", "/tree", "/tree-copy");
    assertEquals("/tree-copy/big.bin\n/tree-copy/empty/\n/tree-copy/notes/\n/tree-copy/notes/a.txt\n"
        + "/tree-copy/notes/deep/\n/tree-copy/notes/deep/b.txt\n", ok("ls", "-R", "/tree-copy").stdout());
    assertEquals(crc32c(big), jsonList(ok("checksum", "--json", "/tree-copy/big.bin").stdout())
        .getValues(0).getStructValue().getFieldsOrThrow("checksum").getStringValue());
    assertEquals(2, jsonObject(ok("stat", "--json", "/tree-copy/notes/a.txt").stdout())
        .getFieldsOrThrow("replication").getNumberValue());
    ok("cp", "/tree/notes/a.txt", "/notes/deep");           // into an existing directory
    fails(1, "/notes/deep/a.txt already exists", "cp", "/tree/notes/deep/b.txt", "/notes/deep/a.txt");
    ok("cp", "-f", "/tree/notes/deep/b.txt", "/notes/deep/a.txt");
    assertEquals("beta\n", ok("cat", "/notes/deep/a.txt").stdout());

    fails(1, "cannot copy the directory /tree into itself (/tree/notes/tree)", "cp", "/tree",
        "/tree/notes");
    fails(1, "/tree/big.bin and /tree/big.bin are the same", "cp", "/tree/big.bin", "/tree");
  }

  @Test
  @Order(5)
  void duSumsLengthsAndDfShowsTheClustersSpace() throws Exception {
    long treeBytes = big.length + 6 + 5;
    long replicated = 3L * big.length + 2 * 6 + 3 * 5;   // a.txt has replication 2
    List<String> summary = Arrays.asList(ok("du", "-s", "--exact", "/tree").stdout().split("\n"));
    assertTrue(summary.get(0).matches(" *SIZE +WITH REPLICAS +FILES +PATH"), summary.get(0));
    assertEquals(List.of(Long.toString(treeBytes), Long.toString(replicated), "3", "/tree/"),
        Arrays.asList(summary.get(1).trim().split(" +")));
    ListValue rows = jsonList(ok("du", "--exact", "--json", "/tree").stdout());
    assertEquals(3, rows.getValuesCount(), rows.toString());
    Struct notes = rows.getValues(2).getStructValue();
    assertEquals("/tree/notes", notes.getFieldsOrThrow("path").getStringValue());
    assertEquals(11, notes.getFieldsOrThrow("length").getNumberValue());
    assertEquals(2, notes.getFieldsOrThrow("files").getNumberValue());
    assertTrue(ok("du", "-s", "-h", "--exact", "/tree").stdout().contains("1.5 MiB"), "-h");
    // The master's lengths catch up within a few heartbeats: du without --exact then agrees.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String plain;
    do {
      plain = ok("du", "-s", "/tree").stdout().split("\n")[1].trim();
    } while (!plain.startsWith(treeBytes + " ") && System.nanoTime() < deadline);
    assertTrue(plain.startsWith(treeBytes + " "), plain);
    fails(1, "/missing does not exist", "du", "/missing");

    Struct df = jsonObject(ok("df", "--json").stdout());
    assertEquals(3, df.getFieldsOrThrow("live_chunkservers").getNumberValue());
    assertTrue(df.getFieldsOrThrow("capacity_bytes").getNumberValue() > 0, df.toString());
    assertTrue(df.getFieldsOrThrow("used_bytes").getNumberValue() >= 3.0 * big.length, df.toString());
    List<String> dfTable = Arrays.asList(ok("df", "-h").stdout().split("\n"));
    assertTrue(dfTable.get(0).matches("FILESYSTEM +SIZE +USED +AVAILABLE +USE% +CHUNKSERVERS"),
        dfTable.get(0));
    assertTrue(dfTable.get(1).startsWith("gfs://127.0.0.1:") && dfTable.get(1).contains("iB ")
        && dfTable.get(1).endsWith("3 live of 3"), dfTable.get(1));
    fails(2, "Unknown option: '-s'", "df", "-s");
  }

  @Test
  @Order(6)
  void relativePathsOfOneShotCommandsAreTakenFromTheRoot() throws Exception {
    assertEquals("a.txt\ndeep/\n", ok("ls", "tree/notes").stdout());
    assertEquals("alpha\n", ok("cat", "./tree/../tree/notes/a.txt").stdout());
  }

  @Test
  @Order(7)
  void checksumIsTheCrc32cOfTheBytesWhicheverReplicasAnswer() throws Exception {
    write("/text/empty", new byte[0]);
    byte[] appended;
    try (GfsClient client = cluster.client()) {
      client.create("/text/records", 0, true);
      for (int i = 0; i < 60; i++) {
        client.recordAppend("/text/records", new byte[25_000 + i]);  // padding at a chunk end
      }
      appended = TestFiles.read(client, "/text/records");
    }
    String[] table = ok("checksum", "/tree/big.bin", "/text/empty", "/text/records").stdout()
        .split("\n");
    assertTrue(table[0].matches("ALGORITHM +CHECKSUM +LENGTH +PATH"), table[0]);
    assertEquals(List.of("CRC32C", crc32c(big), Integer.toString(big.length), "/tree/big.bin"),
        Arrays.asList(table[1].split(" +")));
    assertEquals(List.of("CRC32C", "00000000", "0", "/text/empty"), Arrays.asList(table[2].split(" +")));
    assertEquals(List.of("CRC32C", crc32c(appended), Integer.toString(appended.length),
        "/text/records"), Arrays.asList(table[3].split(" +")));
    fails(1, "/tree is a directory", "checksum", "/tree");
    fails(1, "/nope does not exist", "checksum", "/nope");

    // Two of the three chunkservers die: every chunk keeps one replica, which answers the same.
    cluster.kill("chunkserver-1");
    cluster.kill("chunkserver-2");
    String again = ok("checksum", "/tree/big.bin", "/text/records").stdout();
    assertTrue(again.contains(" " + crc32c(big) + " ") && again.contains(" " + crc32c(appended) + " "),
        again);
  }
}
