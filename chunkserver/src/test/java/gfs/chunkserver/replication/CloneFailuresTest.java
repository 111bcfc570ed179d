package gfs.chunkserver.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.FailedClone;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CloneFailuresTest {
  private final AtomicLong nowNanos = new AtomicLong(1_000_000_000L);
  private final CloneFailures failures = new CloneFailures(nowNanos::get);

  @Test
  void aFailureIsReportedWithItsAgeForAWhileThenForgotten() {
    failures.record(7, 2, "cs-1", "clone source cs-1 failed: UNAVAILABLE");
    nowNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_500));
    List<FailedClone> recent = failures.recent();
    assertEquals(1, recent.size());
    assertEquals(7, recent.get(0).getHandle());
    assertEquals(2, recent.get(0).getVersion());
    assertEquals("cs-1", recent.get(0).getSourceId());
    assertEquals(1_500, recent.get(0).getFailedMsAgo());
    assertEquals(1, failures.recent().size(), "reported again: every master hears of it");

    nowNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(CloneFailures.REPORT_FOR_MS));
    assertTrue(failures.recent().isEmpty());
  }

  @Test
  void keepsOnlyTheLatestFailures() {
    for (int i = 0; i < CloneFailures.MAX_KEPT + 10; i++) {
      failures.record(i, 1, "cs-1", "failed");
    }
    List<FailedClone> recent = failures.recent();
    assertEquals(CloneFailures.MAX_KEPT, recent.size());
    assertEquals(10, recent.get(0).getHandle());
  }
}
