package gfs.client.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GfsOutputStreamTest {
  private static final long CHUNK = 10 << 20;
  private static final int BUFFER = 4 << 20;

  @Test
  void bufferIsCutAtTheNextChunkBoundary() {
    assertEquals(BUFFER, GfsOutputStream.capacity(0, CHUNK, BUFFER));
    assertEquals(BUFFER, GfsOutputStream.capacity(4 << 20, CHUNK, BUFFER));
    // 8 MB into a 10 MB chunk: only 2 MB fit before the boundary.
    assertEquals(2 << 20, GfsOutputStream.capacity(8 << 20, CHUNK, BUFFER));
    assertEquals(BUFFER, GfsOutputStream.capacity(CHUNK, CHUNK, BUFFER));
    assertEquals(1, GfsOutputStream.capacity(CHUNK - 1, CHUNK, BUFFER));
  }

  @Test
  void smallChunksBoundEveryWrite() {
    long chunk = 1 << 20;
    assertEquals(1 << 20, GfsOutputStream.capacity(0, chunk, BUFFER));
    assertEquals(1 << 19, GfsOutputStream.capacity(3 * chunk + (1 << 19), chunk, BUFFER));
  }
}
