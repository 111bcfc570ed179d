package gfs.common;

/**
 * CRC32C (Castagnoli) arithmetic shared by chunkservers and clients. {@link #combine} is
 * zlib's crc32_combine for the CRC32C polynomial: the checksum of A followed by B from the
 * checksums of A and B and the length of B, without the bytes. Chunkservers extend a partial
 * block's checksum with it on append; clients compose a file's checksum from its chunks'.
 */
public final class Crc32c {
  /** Reflected CRC32C (Castagnoli) polynomial. */
  private static final int POLY = 0x82F63B78;

  private Crc32c() {}

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

  /** The checksum as tools print it: 8 lower-case hex digits. */
  public static String hex(int crc) {
    return String.format(java.util.Locale.ROOT, "%08x", crc);
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
