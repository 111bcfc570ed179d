package gfs.client.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void rpcTimeoutIsCutToWhatIsLeft() {
    Deadline deadline = Deadline.afterMs(30_000, nanos::get);
    assertEquals(10_000, deadline.rpcTimeoutMs(10_000));
    advanceMs(25_000);
    assertEquals(5_000, deadline.rpcTimeoutMs(10_000));
    assertFalse(deadline.expired());
    advanceMs(5_000);
    assertTrue(deadline.expired());
    assertEquals(0, deadline.remainingMs());
    assertEquals(1, deadline.rpcTimeoutMs(10_000), "an RPC deadline is never zero or negative");
  }

  @Test
  void subDeadlineNeverOutlivesItsParent() {
    Deadline deadline = Deadline.afterMs(1_000, nanos::get);
    assertEquals(500, deadline.sub(500).remainingMs());
    assertEquals(1_000, deadline.sub(5_000).remainingMs());
  }

  @Test
  void backoffGrowsToItsBound() {
    Backoff backoff = new Backoff(50, 400);
    long[] steps = {50, 100, 200, 400, 400};
    for (long step : steps) {
      long delay = backoff.nextDelayMs();
      assertTrue(delay >= step && delay <= step + step / 4, delay + " for step " + step);
    }
  }

  private void advanceMs(long ms) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }
}
