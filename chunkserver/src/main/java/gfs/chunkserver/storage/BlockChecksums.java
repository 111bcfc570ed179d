package gfs.chunkserver.storage;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over 64 KB blocks, the unit in which chunk data is verified. {@link #combine}
 * lets an append extend the checksum of a partial last block from the stored value
 * without reading the block back (zlib's crc32_combine, for the CRC32C polynomial), so
 * a block corrupted on disk still fails verification after the append.
 */
public final class BlockChecksums {
  public static final int BLOCK_BYTES = 64 * 1024;
  /** Reflected CRC32C (Castagnoli) polynomial. */
  private static final int POLY = 0x82F63B78;

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
    if (lengthB <= 0) {
      return crcA;
    }
    int[] even = new int[32];
    int[] odd = new int[32];
    odd[0] = POLY;  // the operator for one zero bit
    int row = 1;
    for (int n = 1; n < 32; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd);  // two zero bits
    square(odd, even);  // four zero bits
    int crc = crcA;
    long remaining = lengthB;
    do {  // apply len(B) zero bytes to crc(A), one bit of the length at a time
      square(even, odd);
      if ((remaining & 1) != 0) {
        crc = times(even, crc);
      }
      remaining >>>= 1;
      if (remaining == 0) {
        break;
      }
      square(odd, even);
      if ((remaining & 1) != 0) {
        crc = times(odd, crc);
      }
      remaining >>>= 1;
    } while (remaining != 0);
    return crc ^ crcB;
  }

  private static int times(int[] matrix, int vector) {
    int sum = 0;
    int v = vector;
    for (int i = 0; v != 0; i++, v >>>= 1) {
      if ((v & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static void square(int[] square, int[] matrix) {
    for (int n = 0; n < 32; n++) {
      square[n] = times(matrix, matrix[n]);
    }
  }
}
