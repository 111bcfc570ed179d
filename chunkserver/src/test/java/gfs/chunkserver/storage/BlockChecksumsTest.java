package gfs.chunkserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockChecksumsTest {
  @Test
  void combiningTwoChecksumsEqualsTheChecksumOfTheConcatenation() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      byte[] bytes = new byte[random.nextInt(3 * BlockChecksums.BLOCK_BYTES) + 1];
      random.nextBytes(bytes);
      int split = random.nextInt(bytes.length + 1);
      int crcA = BlockChecksums.crc(bytes, 0, split);
      int crcB = BlockChecksums.crc(bytes, split, bytes.length - split);
      assertEquals(BlockChecksums.crc(bytes, 0, bytes.length), BlockChecksums.combine(crcA, crcB, bytes.length - split),
          "split at " + split + " of " + bytes.length);
    }
  }
}
