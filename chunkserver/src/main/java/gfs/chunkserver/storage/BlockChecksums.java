package gfs.chunkserver.storage;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import gfs.common.Crc32c;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over 64 KB blocks, the unit in which chunk data is verified. {@link #combine}
 * lets an append extend the checksum of a partial last block from the stored value
 * without reading the block back, so a block corrupted on disk still fails verification
 * after the append; it also composes a whole chunk's checksum from its blocks'.
 */
public final class BlockChecksums {
  public static final int BLOCK_BYTES = 64 * 1024;

  private BlockChecksums() {}

  public static int crc(ByteString bytes) {
    CRC32C crc = new CRC32C();
    update(crc, bytes);
    return (int) crc.getValue();
  }

  /**
   * Adds bytes to crc straight from the arrays behind them. (CRC32C.update of the read-only
   * buffers that ByteString hands out copies them into a scratch array, 4 KB at a time.)
   */
  public static void update(CRC32C crc, ByteString bytes) {
    try {
      UnsafeByteOperations.unsafeWriteTo(bytes, new ByteOutput() {
        @Override
        public void write(byte value) {
          crc.update(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) {
          crc.update(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
          crc.update(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) {
          crc.update(value);
        }

        @Override
        public void writeLazy(ByteBuffer value) {
          crc.update(value);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("checksum of in-memory bytes", e);  // the output above never throws
    }
  }

  public static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  public static int blockIndex(long offset) {
    return Math.toIntExact(offset / BLOCK_BYTES);
  }

  public static long blockStart(int block) {
    return (long) block * BLOCK_BYTES;
  }

  /** Number of blocks holding {@code length} bytes. */
  public static int blockCount(long length) {
    return Math.toIntExact((length + BLOCK_BYTES - 1) / BLOCK_BYTES);
  }

  /** The CRC32C of A followed by B, given crc(A), crc(B) and the length of B. */
  public static int combine(int crcA, int crcB, long lengthB) {
    return Crc32c.combine(crcA, crcB, lengthB);
  }
}
