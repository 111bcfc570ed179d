package gfs.client.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkRangeTest {
  private static final long CHUNK = 1024;

  @Test
  void rangeInsideOneChunkIsOnePiece() {
    assertEquals(List.of(new ChunkRange(0, 10, 0, 100)), ChunkRange.split(10, 100, CHUNK));
  }

  @Test
  void rangeEndingExactlyAtBoundaryDoesNotSpill() {
    assertEquals(List.of(new ChunkRange(2, 1000, 0, 24)), ChunkRange.split(3048, 24, CHUNK));
  }

  @Test
  void rangeCrossingBoundariesIsCutAtEachOne() {
    List<ChunkRange> ranges = ChunkRange.split(1000, 2100, CHUNK);
    assertEquals(List.of(
        new ChunkRange(0, 1000, 0, 24),
        new ChunkRange(1, 0, 24, 1024),
        new ChunkRange(2, 0, 1048, 1024),
        new ChunkRange(3, 0, 2072, 28)), ranges);
    assertEquals(2100, ranges.stream().mapToInt(ChunkRange::length).sum());
  }

  @Test
  void rangeStartingAtBoundaryStartsANewChunk() {
    assertEquals(List.of(new ChunkRange(1, 0, 0, 1024), new ChunkRange(2, 0, 1024, 1)),
        ChunkRange.split(1024, 1025, CHUNK));
  }

  @Test
  void emptyRangeHasNoPieces() {
    assertEquals(List.of(), ChunkRange.split(5000, 0, CHUNK));
  }

  @Test
  void largeOffsetsKeepExactIndexes() {
    long chunk64m = 64L << 20;
    long offset = 1000 * chunk64m - 3;
    assertEquals(List.of(new ChunkRange(999, chunk64m - 3, 0, 3), new ChunkRange(1000, 0, 3, 7)),
        ChunkRange.split(offset, 10, chunk64m));
  }

  @Test
  void rejectsNegativeAndOverflowingRanges() {
    assertThrows(IllegalArgumentException.class, () -> ChunkRange.split(-1, 10, CHUNK));
    assertThrows(IllegalArgumentException.class, () -> ChunkRange.split(0, -1, CHUNK));
    assertThrows(IllegalArgumentException.class, () -> ChunkRange.split(0, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> ChunkRange.split(Long.MAX_VALUE - 1, 10, CHUNK));
  }

  @Test
  void bytesToChunkEnd() {
    assertEquals(1024, ChunkRange.bytesToChunkEnd(0, CHUNK));
    assertEquals(1, ChunkRange.bytesToChunkEnd(1023, CHUNK));
    assertEquals(1024, ChunkRange.bytesToChunkEnd(2048, CHUNK));
  }
}
