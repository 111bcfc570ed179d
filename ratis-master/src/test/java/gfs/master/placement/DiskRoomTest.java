package gfs.master.placement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.DiskUsage;
import org.junit.jupiter.api.Test;

class DiskRoomTest {
  static final long CHUNK = 64L << 20;

  @Test
  void aServerWithLessThanAChunkFreeTakesNoNewChunk() {
    assertFalse(DiskRoom.hasRoomFor(disk(1L << 30, CHUNK - 1), CHUNK));
    assertTrue(DiskRoom.hasRoomFor(disk(1L << 30, CHUNK), CHUNK));
  }

  @Test
  void aServerThatReportedNoCapacityYetIsNotHeldBack() {
    assertTrue(DiskRoom.hasRoomFor(DiskUsage.getDefaultInstance(), CHUNK));
  }

  private static DiskUsage disk(long capacity, long free) {
    return DiskUsage.newBuilder().setCapacityBytes(capacity).setFreeBytes(free).build();
  }
}
