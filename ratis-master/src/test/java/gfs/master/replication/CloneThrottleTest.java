package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.ChunkManagementConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CloneThrottleTest {
  private final AtomicLong nowNanos = new AtomicLong();
  private final CloneThrottle throttle = new CloneThrottle(2, 3, 1, 1_000, 500, nowNanos::get);

  @Test
  void limitsClonesPerServerAsSourceOrTarget() {
    assertTrue(throttle.tryStart(1, 1, "a", "b", false));
    assertTrue(throttle.tryStart(2, 1, "a", "c", false));
    assertFalse(throttle.tryStart(3, 1, "a", "d", false), "a is source of two already");
    assertFalse(throttle.tryStart(3, 1, "d", "a", false), "as target it counts too");
    assertTrue(throttle.tryStart(3, 1, "d", "e", false));
    assertEquals(2, throttle.involving("a"));
    assertEquals(1, throttle.receiving("b"));
  }

  @Test
  void limitsClonesInTheClusterAndOnePerChunk() {
    assertTrue(throttle.tryStart(1, 1, "a", "b", false));
    assertFalse(throttle.tryStart(1, 1, "c", "d", false), "one clone per chunk");
    assertTrue(throttle.tryStart(2, 1, "c", "d", false));
    assertTrue(throttle.tryStart(3, 1, "e", "f", false));
    assertFalse(throttle.tryStart(4, 1, "g", "h", false), "three in the cluster");
    assertEquals(3, throttle.total());
    throttle.finish(2);
    assertTrue(throttle.tryStart(4, 1, "g", "h", false));
  }

  @Test
  void limitsMovesIntoOneServer() {
    assertTrue(throttle.tryStart(1, 1, "a", "new", true));
    assertFalse(throttle.tryStart(2, 1, "b", "new", true), "one move into a server at once");
    assertTrue(throttle.tryStart(2, 1, "b", "new", false), "re-replication is not a move");
    assertEquals(1, throttle.movesInto("new"));
  }

  @Test
  void expiresClonesAfterTheTimeout() {
    throttle.tryStart(1, 1, "a", "b", false);
    nowNanos.addAndGet(500_000_000L);
    throttle.tryStart(2, 1, "c", "d", false);
    assertTrue(throttle.expire().isEmpty());
    nowNanos.addAndGet(600_000_000L);
    assertEquals(1, throttle.expire().size());
    assertFalse(throttle.isInFlight(1));
    assertTrue(throttle.isInFlight(2));
    assertNull(throttle.finish(1));
  }

  @Test
  void aReportedFailureEndsOnlyTheAttemptItWasAbout() {
    throttle.tryStart(1, 3, "a", "b", false);
    long failedAt = nowNanos.addAndGet(100_000_000L);
    assertNull(throttle.fail(1, 3, "a", "c", failedAt), "another target");
    assertNull(throttle.fail(1, 3, "d", "b", failedAt), "another source");
    assertNull(throttle.fail(1, 2, "a", "b", failedAt), "another version");
    assertEquals("b", throttle.fail(1, 3, "a", "b", failedAt).target());
    assertFalse(throttle.isInFlight(1));

    // Planned again after the failure: the same failure, reported again, leaves it alone.
    nowNanos.addAndGet(100_000_000L);
    throttle.tryStart(1, 3, "a", "b", false);
    assertNull(throttle.fail(1, 3, "a", "b", failedAt));
    assertTrue(throttle.isInFlight(1));
  }

  @Test
  void aYoungCloneHoldsOffNewLeasesOnItsChunkButAMoveAndAnOldCloneDoNot() {
    throttle.tryStart(1, 3, "a", "b", false);
    throttle.tryStart(2, 3, "c", "d", true);
    assertEquals("b", throttle.holdingLeases(1).target(), "a new version would make the copy stale");
    assertNull(throttle.holdingLeases(2), "rebalancing never stalls writers");
    assertNull(throttle.holdingLeases(3), "no clone of that chunk");
    nowNanos.addAndGet(499_000_000L);
    assertNotNull(throttle.holdingLeases(1));
    nowNanos.addAndGet(1_000_000L);
    assertNull(throttle.holdingLeases(1), "writers wait at most the hold (500 ms here)");
    assertTrue(throttle.isInFlight(1), "the clone itself goes on until its timeout");
  }

  @Test
  void writersWaitForTwiceAFullChunkCopyPlusFiveSecondsBoundedByTheCloneTimeout() {
    ChunkManagementConfig defaults = ChunkManagementConfig.DEFAULTS;  // 32 MB/s, 120 s timeout
    assertEquals(9_000, defaults.cloneWriteHoldMs(64L << 20));
    assertEquals(5_062, defaults.cloneWriteHoldMs(1L << 20));
    assertEquals(120_000, defaults.cloneWriteHoldMs(64L << 30));
    assertEquals(9_000, CloneThrottle.of(defaults, 64L << 20, nowNanos::get).writeHoldMs());
  }
}
