package gfs.chunkserver.storage;

import static gfs.chunkserver.storage.BlockChecksums.BLOCK_BYTES;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import gfs.chunkserver.ChunkserverException;

/**
 * The new checksums of the blocks a write touches. Blocks the write covers entirely are
 * checksummed from the new bytes alone. A block it covers only in part keeps existing
 * bytes, which must not be blessed with a fresh checksum unverified: the block is read
 * and verified first, except for a pure append, whose checksum is extended from the
 * stored one (so earlier corruption in that block still shows on the next read).
 */
final class WriteChecksums {
  /** The chunk's current blocks. */
  interface ExistingBlocks {
    /** The stored CRC of a block, or {@link ChunkMetaStore#MISSING}. */
    long storedCrc(int block);

    /** The block's first {@code length} bytes, verified against its stored CRC. */
    byte[] readVerified(int block, int length) throws ChunkserverException;

    /** The error for a block that failed verification. */
    ChunkserverException mismatch(int block, String why);
  }

  private WriteChecksums() {}

  /**
   * CRCs of blocks blockIndex(start)..blockIndex(start + region.size() - 1) after writing
   * {@code region} at {@code start} into a chunk of {@code oldLength} bytes
   * ({@code start <= oldLength}: a gap is part of the region as zeros).
   */
  static int[] compute(long oldLength, long start, ByteString region, ExistingBlocks existing)
      throws ChunkserverException {
    if (start > oldLength || region.isEmpty()) {
      throw new IllegalArgumentException("region at " + start + " (+" + region.size()
          + ") does not start within a chunk of " + oldLength + " bytes");
    }
    long end = start + region.size();
    long newLength = Math.max(oldLength, end);
    int first = BlockChecksums.blockIndex(start);
    int last = BlockChecksums.blockIndex(end - 1);
    int[] crcs = new int[last - first + 1];
    for (int block = first; block <= last; block++) {
      long blockStart = BlockChecksums.blockStart(block);
      long blockEnd = Math.min(blockStart + BLOCK_BYTES, newLength);
      ByteString written = region.substring(
          (int) (Math.max(blockStart, start) - start), (int) (Math.min(blockEnd, end) - start));
      boolean keepsPrefix = start > blockStart;   // bytes [blockStart, start) exist and stay
      boolean keepsSuffix = end < blockEnd;       // bytes [end, blockEnd) exist and stay
      int crc;
      if (!keepsPrefix && !keepsSuffix) {
        crc = BlockChecksums.crc(written);
      } else if (keepsPrefix && !keepsSuffix && start == oldLength) {
        crc = BlockChecksums.combine(storedOrFail(existing, block), BlockChecksums.crc(written), written.size());
      } else {
        int oldBytes = (int) (Math.min(blockStart + BLOCK_BYTES, oldLength) - blockStart);
        ByteString old = UnsafeByteOperations.unsafeWrap(existing.readVerified(block, oldBytes));
        ByteString content = old.substring(0, (int) (Math.max(blockStart, start) - blockStart))
            .concat(written);
        if (keepsSuffix) {
          content = content.concat(old.substring((int) (end - blockStart), oldBytes));
        }
        crc = BlockChecksums.crc(content);
      }
      crcs[block - first] = crc;
    }
    return crcs;
  }

  private static int storedOrFail(ExistingBlocks existing, int block) throws ChunkserverException {
    long stored = existing.storedCrc(block);
    if (stored == ChunkMetaStore.MISSING) {
      throw existing.mismatch(block, "no checksum stored for a block holding data");
    }
    return (int) stored;
  }
}
