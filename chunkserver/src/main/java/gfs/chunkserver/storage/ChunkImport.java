package gfs.chunkserver.storage;

import static gfs.chunkserver.Text.chunk;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A whole chunk arriving in pieces (clone from a peer, or a local copy-on-write), written
 * to a temporary file with its block checksums computed on the way. Nothing is visible
 * until {@link #commit} swaps the file in and records it in one LMDB transaction.
 * Single-threaded: one owner feeds it and then commits or aborts.
 */
public final class ChunkImport implements AutoCloseable {
  private final ChunkStore store;
  private final long handle;
  private final long version;
  private final long chunkSizeBytes;
  private final Path part;
  private final ChunkFiles files;
  private final FileChannel channel;
  private final int[] crcs;
  private final CRC32C blockCrc = new CRC32C();
  private long receivedBytes;
  private boolean finished;

  ChunkImport(ChunkStore store, long handle, long version, long chunkSizeBytes, Path part, ChunkFiles files)
      throws IOException {
    this.store = store;
    this.handle = handle;
    this.version = version;
    this.chunkSizeBytes = chunkSizeBytes;
    this.part = part;
    this.files = files;
    this.channel = FileChannel.open(part, StandardOpenOption.WRITE);
    this.crcs = new int[BlockChecksums.blockCount(chunkSizeBytes)];
  }

  public long receivedBytes() {
    return receivedBytes;
  }

  public void append(ByteString piece) throws ChunkserverException {
    if (receivedBytes + piece.size() > chunkSizeBytes) {
      throw new ChunkserverException(ErrorCode.OUT_OF_RANGE, "copy of " + chunk(handle) + " exceeds the chunk size "
          + chunkSizeBytes + " (" + (receivedBytes + piece.size()) + " bytes)");
    }
    try {
      for (ByteBuffer buffer : piece.asReadOnlyByteBufferList()) {
        while (buffer.hasRemaining()) {
          receivedBytes += channel.write(buffer);
        }
      }
    } catch (IOException e) {
      throw files.translate(e, part);
    }
    updateChecksums(piece);
  }

  private void updateChecksums(ByteString piece) {
    long pieceStart = receivedBytes - piece.size();
    int at = 0;
    while (at < piece.size()) {
      long position = pieceStart + at;
      int inBlock = (int) (BlockChecksums.BLOCK_BYTES - position % BlockChecksums.BLOCK_BYTES);
      int take = Math.min(inBlock, piece.size() - at);
      BlockChecksums.update(blockCrc, piece.substring(at, at + take));
      at += take;
      int block = BlockChecksums.blockIndex(position);
      crcs[block] = (int) blockCrc.getValue();
      if (take == inBlock) {
        blockCrc.reset();
      }
    }
  }

  /**
   * Checks the length received against the length the source declared and installs the
   * chunk. Returns false when this server meanwhile got the chunk at this or a newer version.
   */
  public boolean commit(long expectedLength) throws ChunkserverException {
    if (receivedBytes != expectedLength) {
      abort();
      throw new ChunkserverException(ErrorCode.INTERNAL, "copy of " + chunk(handle) + " ended after "
          + receivedBytes + " of " + expectedLength + " bytes");
    }
    try {
      if (files.fsync()) {
        channel.force(true);
      }
      channel.close();
    } catch (IOException e) {
      abort();
      throw files.translate(e, part);
    }
    int[] used = Arrays.copyOf(crcs, BlockChecksums.blockCount(receivedBytes));
    boolean installed;
    try {
      installed = store.install(new ChunkRecord(handle, version, receivedBytes, chunkSizeBytes, false), part, used);
    } finally {
      finished = true;
    }
    if (!installed) {
      deletePart();
    }
    return installed;
  }

  public void abort() {
    finished = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next
    }
    deletePart();
  }

  private void deletePart() {
    try {
      Files.deleteIfExists(part);
    } catch (IOException ignored) {
      // deleted as an orphan at the next start
    }
  }

  /** Aborts unless committed: use in try-with-resources. */
  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }
}
