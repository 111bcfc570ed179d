package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop's distcp (in this JVM, local job runner) from a local directory tree into gfs:// and
 * back out to another local directory: every file byte-identical, including an empty one, one
 * ending exactly on a chunk boundary and one spanning several chunks.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DistCpIT {
  private static final int CHUNK = (int) TestCluster.CHUNK_SIZE_BYTES;
  @TempDir java.nio.file.Path work;

  @Test
  void distcpIntoGfsAndBackIsByteIdentical() throws Exception {
    java.nio.file.Path source = work.resolve("source");
    Random random = new Random(7);
    write(source.resolve("empty.bin"), new byte[0]);
    write(source.resolve("one-chunk.bin"), bytes(random, CHUNK));
    write(source.resolve("deep/dir/three-and-a-bit.bin"), bytes(random, 3 * CHUNK + 12_345));
    write(source.resolve("deep/small.txt"), "hello gfs\n".getBytes());
    Files.createDirectories(source.resolve("empty-dir"));

    Configuration conf = HadoopJobs.localRunner(work);
    Path inGfs = new Path("gfs://" + TestCluster.NAME + "/distcp/copy");
    FileSystem gfs = inGfs.getFileSystem(conf);
    gfs.delete(inGfs.getParent(), true);
    gfs.mkdirs(inGfs.getParent());
    java.nio.file.Path back = work.resolve("back");

    assertEquals(0, distcp(conf, source.toUri().toString(), inGfs.toString()));
    assertEquals(0, distcp(conf, inGfs.toString(), back.toUri().toString()));

    assertEquals(relativeFiles(source), relativeFiles(back));
    for (String file : relativeFiles(source)) {
      if (file.endsWith("/")) {
        continue; // a directory: its presence was compared above
      }
      assertArrayEquals(Files.readAllBytes(source.resolve(file)),
          Files.readAllBytes(back.resolve(file)), file + " changed in the round trip");
    }
    assertEquals(3 * CHUNK + 12_345,
        gfs.getFileStatus(new Path(inGfs, "deep/dir/three-and-a-bit.bin")).getLen());
  }

  /** distcp SRC DST, as `hadoop distcp` runs it. */
  private static int distcp(Configuration conf, String from, String to) throws Exception {
    return ToolRunner.run(new Configuration(conf), new DistCp(conf, null), new String[] {from, to});
  }

  private static List<String> relativeFiles(java.nio.file.Path root) throws Exception {
    try (Stream<java.nio.file.Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root))
          .filter(p -> !p.getFileName().toString().startsWith(".")) // local checksum files
          .map(p -> root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""))
          .sorted().toList();
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] data = new byte[n];
    random.nextBytes(data);
    return data;
  }

  private static void write(java.nio.file.Path file, byte[] data) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }
}
