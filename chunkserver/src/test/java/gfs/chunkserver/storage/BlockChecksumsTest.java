package gfs.chunkserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
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

  @Test
  void checksumOfAByteStringMadeOfPiecesEqualsTheChecksumOfItsBytes() {
    Random random = new Random(11);
    byte[] bytes = new byte[5 * BlockChecksums.BLOCK_BYTES + 123];
    random.nextBytes(bytes);
    ByteString rope = ByteString.EMPTY;
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(40_000));
      // Pieces as pushes arrive: arrays, slices of bigger arrays, direct buffers.
      ByteString piece = switch (at % 3) {
        case 0 -> ByteString.copyFrom(bytes, at, n);
        case 1 -> ByteString.copyFrom(bytes).substring(at, at + n);
        default -> {
          ByteBuffer direct = ByteBuffer.allocateDirect(n).put(bytes, at, n).flip();
          yield com.google.protobuf.UnsafeByteOperations.unsafeWrap(direct);
        }
      };
      rope = rope.concat(piece);
      at += n;
    }
    assertEquals(BlockChecksums.crc(bytes, 0, bytes.length), BlockChecksums.crc(rope));
    assertEquals(BlockChecksums.crc(bytes, 100, 70_000), BlockChecksums.crc(rope.substring(100, 70_100)));
  }
}
