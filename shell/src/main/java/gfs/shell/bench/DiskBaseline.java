package gfs.shell.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw bandwidth of the disk under a directory, measured the way a chunkserver uses it:
 * sequential 1 MB writes to a new file, forced to disk at the end; then (for `bench io`)
 * sequential 1 MB reads of that file, after dropping the page cache when the kernel lets us.
 * The file is deleted afterwards. The baselines benchmarks compare against, in the same run.
 */
public final class DiskBaseline {
  private static final int BLOCK_BYTES = 1 << 20;
  private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

  /**
   * Write and read bandwidth of one file.
   *
   * @param coldRead true when the page cache was dropped before the read (a disk read),
   *     false when the file may have been read from memory
   * @param readNote how the read was made cold, or why it was not
   */
  public record Result(long bytes, double writeBytesPerS, double readBytesPerS, boolean coldRead,
      String readNote) {}

  private DiskBaseline() {}

  /** Bytes per second written (and forced) into a new file of sizeBytes under dir. */
  public static double writeBytesPerS(Path dir, long sizeBytes) throws IOException {
    Path file = Files.createTempFile(dir, "disk-baseline-", ".bin");
    try {
      return write(file, sizeBytes);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Writes (forced) a file of sizeBytes under dir, drops the page cache if allowed, reads it. */
  public static Result writeAndRead(Path dir, long sizeBytes) throws IOException {
    Path file = Files.createTempFile(dir, "disk-baseline-", ".bin");
    try {
      double write = write(file, sizeBytes);
      String dropFailure = dropPageCache();
      double read = read(file);
      return new Result(sizeBytes, write, read, dropFailure == null, dropFailure == null
          ? "page cache dropped before the read (echo 3 > " + DROP_CACHES + ")"
          : "page cache warm: could not drop it (" + dropFailure + ")");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static double write(Path file, long sizeBytes) throws IOException {
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
    }
  }

  private static double read(Path file) throws IOException {
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
    long total = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long start = System.nanoTime();
      for (int n = channel.read(block); n >= 0; n = channel.read(block)) {
        total += n;
        block.clear();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return total / Math.max(seconds, 1e-9);
    }
  }

  /** Null when the page cache was dropped, else why not (not root, read-only /proc...). */
  public static String dropPageCache() {
    try {
      Files.writeString(DROP_CACHES, "3\n", StandardCharsets.US_ASCII,
          StandardOpenOption.WRITE);
      return null;
    } catch (IOException | SecurityException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
