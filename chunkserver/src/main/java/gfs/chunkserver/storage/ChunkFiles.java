package gfs.chunkserver.storage;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The chunk files under {@code <data.dir>/chunks}: one file per chunk named by the 16 hex
 * digits of its handle, plus positional reads and writes that turn "no space left" into
 * DISK_FULL naming this chunkserver and the file.
 */
final class ChunkFiles {
  private static final String SUFFIX = ".chunk";
  static final String PART_SUFFIX = ".part";
  private static final ByteString ZERO_BLOCK = ByteString.copyFrom(new byte[BlockChecksums.BLOCK_BYTES]);

  private final Path dir;
  private final String serverId;
  private final boolean fsync;

  ChunkFiles(Path dir, String serverId, boolean fsync) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.serverId = serverId;
    this.fsync = fsync;
  }

  Path dir() {
    return dir;
  }

  Path path(long handle) {
    return dir.resolve(String.format(Locale.ROOT, "%016x", handle) + SUFFIX);
  }

  /** The handle a file name stands for, or empty for files that are not chunks. */
  static OptionalLong handleOf(Path file) {
    String name = file.getFileName().toString();
    if (name.length() != 16 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseUnsignedLong(name.substring(0, 16), 16));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  List<Path> list() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      stream.forEach(files::add);
    }
    return files;
  }

  /** Creates (or truncates a leftover) empty file for a new chunk. */
  void createEmpty(long handle) throws ChunkserverException {
    Path file = path(handle);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      if (fsync) {
        channel.force(true);
        forceDirectory();
      }
    } catch (IOException e) {
      throw translate(e, file);
    }
  }

  void write(Path file, long position, ByteString data) throws ChunkserverException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long at = position;
      for (ByteBuffer buffer : data.asReadOnlyByteBufferList()) {
        while (buffer.hasRemaining()) {
          at += channel.write(buffer, at);
        }
      }
      if (fsync) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw translate(e, file);
    }
  }

  /**
   * Reads exactly {@code length} bytes at {@code position}; a file shorter than its recorded
   * length is corruption (a lost write), reported like a failed checksum.
   */
  byte[] read(long handle, long position, int length) throws ChunkserverException {
    Path file = path(handle);
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long at = position;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new ChunkserverException(ErrorCode.CHECKSUM_MISMATCH,
              "chunk 0x" + Long.toHexString(handle) + " block " + BlockChecksums.blockIndex(at)
                  + " on " + serverId + ": file " + file + " ends at byte " + at + ", before its recorded length");
        }
        at += n;
      }
      return bytes;
    } catch (IOException e) {
      throw new ChunkserverException(ErrorCode.INTERNAL, "reading " + file + " on " + serverId + ": " + e, e);
    }
  }

  void delete(long handle) throws IOException {
    Files.deleteIfExists(path(handle));
  }

  void forceDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  boolean fsync() {
    return fsync;
  }

  ChunkserverException translate(IOException e, Path file) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
      return new ChunkserverException(ErrorCode.DISK_FULL, "disk full on " + serverId + " writing " + file, e);
    }
    return new ChunkserverException(ErrorCode.INTERNAL, "writing " + file + " on " + serverId + ": " + e, e);
  }

  /** n zero bytes without allocating n bytes: a rope over one shared 64 KB block. */
  static ByteString zeros(long n) {
    List<ByteString> parts = new ArrayList<>();
    long left = n;
    while (left > 0) {
      int size = (int) Math.min(left, ZERO_BLOCK.size());
      parts.add(size == ZERO_BLOCK.size() ? ZERO_BLOCK : ZERO_BLOCK.substring(0, size));
      left -= size;
    }
    return ByteString.copyFrom(parts);
  }
}
