package gfs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cTest {
  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  @Test
  void composingPiecesInOrderGivesTheChecksumOfTheWhole() {
    Random random = new Random(3);
    byte[] bytes = new byte[700_001];
    random.nextBytes(bytes);
    // Pieces as a file's chunks and blocks are: uneven, the last one short, some empty.
    int composed = 0;
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(90_000));
      composed = Crc32c.combine(composed, crc(bytes, at, n), n);
      at += n;
    }
    assertEquals(crc(bytes, 0, bytes.length), composed);
  }

  @Test
  void theEmptyInputHasChecksumZeroAndCombiningWithItChangesNothing() {
    assertEquals(0, crc(new byte[0], 0, 0));
    assertEquals(0x1234abcd, Crc32c.combine(0x1234abcd, 0, 0));
    assertEquals("0000abcd", Crc32c.hex(0xabcd));
    assertEquals("e3069283", Crc32c.hex(crc("123456789".getBytes(), 0, 9))); // the check value
  }
}
