package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsShell;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What gfs:// offers beyond the contract suites, against the real test cluster: block
 * locations per chunk with racks, the composite CRC32C checksum, replication, snapshots,
 * record append, hflush visibility, FileContext and `hadoop fs` (FsShell) on a cluster name.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GfsFeaturesIT {
  private static final int CHUNK = (int) TestCluster.CHUNK_SIZE_BYTES;
  private static Configuration conf;
  private static FileSystem fs;
  private static final Path BASE = new Path("gfs://" + TestCluster.NAME + "/features");

  @BeforeAll
  static void connect() throws Exception {
    conf = new Configuration();
    TestCluster.configure(conf);
    conf.set("fs.AbstractFileSystem.gfs.impl", GfsFs.class.getName());
    fs = BASE.getFileSystem(conf);
    fs.delete(BASE, true);
    fs.mkdirs(BASE);
  }

  private static byte[] write(Path file, int length) throws Exception {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(data);
    }
    return data;
  }

  @Test
  void blockLocationsAreTheChunksWithTheirReplicasAndRacks() throws Exception {
    Path file = new Path(BASE, "blocks.bin");
    write(file, 2 * CHUNK + 100);
    BlockLocation[] blocks = fs.getFileBlockLocations(fs.getFileStatus(file), 0, Long.MAX_VALUE);
    assertEquals(3, blocks.length);
    assertEquals(CHUNK, fs.getFileStatus(file).getBlockSize());
    for (int i = 0; i < 3; i++) {
      assertEquals((long) i * CHUNK, blocks[i].getOffset());
      assertEquals(i < 2 ? CHUNK : 100, blocks[i].getLength());
      assertEquals(3, blocks[i].getHosts().length, "replicas of chunk " + i);
      for (String topology : blocks[i].getTopologyPaths()) {
        assertTrue(topology.matches("/rack-?\\w+/127\\.0\\.0\\.1:\\d+"), topology);
      }
    }
    // A range inside the second chunk gets that chunk only.
    assertEquals(1, fs.getFileBlockLocations(file, CHUNK + 10, 20).length);
  }

  @Test
  void theChecksumIsTheCrc32cOfTheContent() throws Exception {
    Path file = new Path(BASE, "sum.bin");
    byte[] data = write(file, CHUNK + 4321);
    CRC32C crc = new CRC32C();
    crc.update(data);
    FileChecksum checksum = fs.getFileChecksum(file);
    assertEquals("COMPOSITE-CRC32C", checksum.getAlgorithmName());
    // the checksum's bytes are the CRC big-endian (Hadoop's CrcUtil.intToBytes)
    assertArrayEquals(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(),
        checksum.getBytes());
    Path copy = new Path(BASE, "sum-copy.bin");
    try (FSDataOutputStream out = fs.create(copy)) {
      out.write(data);
    }
    assertEquals(checksum, fs.getFileChecksum(copy), "same bytes, same checksum");
  }

  @Test
  void replicationIsSetOnFilesOnly() throws Exception {
    Path file = new Path(BASE, "rep.bin");
    write(file, 10);
    assertTrue(fs.setReplication(file, (short) 2));
    assertEquals(2, fs.getFileStatus(file).getReplication());
    assertFalse(fs.setReplication(BASE, (short) 2));
    assertFalse(fs.setReplication(new Path(BASE, "missing"), (short) 2));
  }

  @Test
  void aSnapshotIsACopyOnWriteCopyUnderTheSnapshotRoot() throws Exception {
    Path dir = new Path(BASE, "snapdir");
    Path file = new Path(dir, "f.bin");
    byte[] before = write(file, 1000);
    Path snapshot = fs.createSnapshot(dir, "s1");
    assertEquals("/.snapshots/features/snapdir/s1", snapshot.toUri().getPath());
    write(file, 2000); // overwrite the live file
    byte[] inSnapshot = new byte[1000];
    try (FSDataInputStream in = fs.open(new Path(snapshot, "f.bin"))) {
      in.readFully(inSnapshot);
    }
    assertArrayEquals(before, inSnapshot);
    fs.renameSnapshot(dir, "s1", "s2");
    assertTrue(fs.exists(new Path("/.snapshots/features/snapdir/s2/f.bin")));
    fs.deleteSnapshot(dir, "s2");
    assertFalse(fs.exists(new Path("/.snapshots/features/snapdir/s2")));
  }

  @Test
  void recordAppendReturnsWhereEachRecordWent() throws Exception {
    Path file = new Path(BASE, "records.log");
    fs.create(file).close();
    GfsFileSystem gfs = (GfsFileSystem) fs;
    long first = gfs.recordAppend(file, "one\n".getBytes(StandardCharsets.UTF_8));
    long second = gfs.recordAppend(file, "two\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(second > first);
    byte[] back = new byte[4];
    try (FSDataInputStream in = fs.open(file)) {
      in.readFully(second, back);
    }
    assertEquals("two\n", new String(back, StandardCharsets.UTF_8));
  }

  @Test
  void hflushedBytesAreVisibleToNewReadersBeforeClose() throws Exception {
    Path file = new Path(BASE, "flushed.bin");
    try (FSDataOutputStream out = fs.create(file)) {
      assertTrue(out.hasCapability(StreamCapabilities.HFLUSH));
      assertFalse(out.hasCapability(StreamCapabilities.HSYNC));
      out.write(new byte[] {1, 2, 3});
      out.hflush();
      assertEquals(3, fs.getFileStatus(file).getLen());
      try (FSDataInputStream in = fs.open(file)) {
        assertEquals(3, in.read(new byte[10]));
      }
    }
  }

  @Test
  void permissionsOwnersAndTimesCannotBeChanged() throws Exception {
    Path file = new Path(BASE, "perm.bin");
    write(file, 1);
    assertThrows(UnsupportedOperationException.class,
        () -> fs.setPermission(file, FsPermission.createImmutable((short) 0600)));
    assertThrows(UnsupportedOperationException.class, () -> fs.setOwner(file, "a", "b"));
    assertThrows(UnsupportedOperationException.class, () -> fs.setTimes(file, 1, 1));
  }

  @Test
  void fileContextWorksThroughGfsFs() throws Exception {
    FileContext context = FileContext.getFileContext(URI.create("gfs://" + TestCluster.NAME + "/"),
        conf);
    Path file = new Path(BASE, "context.txt");
    try (FSDataOutputStream out = context.create(file,
        java.util.EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
        org.apache.hadoop.fs.Options.CreateOpts.createParent())) {
      out.write("via FileContext".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(15, context.getFileStatus(file).getLen());
    context.rename(file, new Path(BASE, "context-renamed.txt"));
    assertTrue(context.util().exists(new Path(BASE, "context-renamed.txt")));
  }

  @Test
  void hadoopFsShellPutsListsAndCats(@TempDir java.nio.file.Path local) throws Exception {
    java.nio.file.Path file = local.resolve("hello.txt");
    Files.writeString(file, "hello from hadoop fs\n");
    String target = "gfs://" + TestCluster.NAME + "/features/shell";
    assertEquals(0, shell("-mkdir", "-p", target));
    assertEquals(0, shell("-put", file.toString(), target + "/"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, shell("-cat", target + "/hello.txt"));
      assertEquals(0, shell("-ls", target));
    } finally {
      System.setOut(saved);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("hello from hadoop fs\n"), printed);
    assertTrue(printed.contains(target + "/hello.txt"), printed);
  }

  private static int shell(String... args) throws Exception {
    return ToolRunner.run(new FsShell(new Configuration(conf)), args);
  }
}
