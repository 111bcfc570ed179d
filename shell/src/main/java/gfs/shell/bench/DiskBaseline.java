package gfs.shell.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw write bandwidth of the disk under a directory, measured the way a chunkserver
 * writes: sequential 1 MB writes to a new file, forced to disk at the end; the file is
 * deleted afterwards. The baseline recovery speed is compared against, in the same run.
 */
final class DiskBaseline {
  private static final int BLOCK_BYTES = 1 << 20;

  private DiskBaseline() {}

  /** Bytes per second written (and forced) into a new file of sizeBytes under dir. */
  static double writeBytesPerS(Path dir, long sizeBytes) throws IOException {
    Path file = Files.createTempFile(dir, "disk-baseline-", ".bin");
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
    byte[] random = new byte[BLOCK_BYTES];
    ThreadLocalRandom.current().nextBytes(random);
    block.put(random).flip();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long start = System.nanoTime();
      for (long written = 0; written < sizeBytes; written += BLOCK_BYTES) {
        block.rewind();
        while (block.hasRemaining()) {
          channel.write(block);
        }
      }
      channel.force(true);
      double seconds = (System.nanoTime() - start) / 1e9;
      return sizeBytes / Math.max(seconds, 1e-9);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
