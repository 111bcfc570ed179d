package gfs.client.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleReadPolicyTest {
  static final int MASTERS = 4;

  @Test
  void fallbackComesOnlyAfterEveryMasterWasTriedAndTheWaitIsOver() {
    StaleReadPolicy policy = new StaleReadPolicy(false, 3_000);
    assertFalse(policy.allowStale(0, MASTERS, 0, false));
    assertFalse(policy.allowStale(3, MASTERS, 10_000, false), "a master not tried yet may lead");
    assertFalse(policy.allowStale(4, MASTERS, 2_999, false), "an election may still finish");
    assertTrue(policy.allowStale(4, MASTERS, 3_000, false));
    assertTrue(policy.allowStale(9, MASTERS, 5_000, false));
  }

  @Test
  void afterARecentFallbackOneRoundIsEnough() {
    StaleReadPolicy policy = new StaleReadPolicy(false, 3_000);
    assertFalse(policy.allowStale(3, MASTERS, 0, true));
    assertTrue(policy.allowStale(4, MASTERS, 10, true));
  }

  @Test
  void leaderOnlyNeverAndStaleReadsAlways() {
    assertFalse(StaleReadPolicy.LEADER_ONLY.allowStale(100, MASTERS, 60_000, true));
    assertTrue(new StaleReadPolicy(true, -1).allowStale(0, MASTERS, 0, false));
  }

  @Test
  void fromTheConfigTheFallbackComesInTheFirstHalfOfTheOperation() {
    ClientConfig config = ClientConfig.of(List.of("127.0.0.1:1"));
    assertEquals(new StaleReadPolicy(false, 3_000), StaleReadPolicy.of(config));
    assertEquals(new StaleReadPolicy(false, 500),
        StaleReadPolicy.of(config.withOperationTimeoutMs(1_000)));
    assertEquals(new StaleReadPolicy(false, -1), StaleReadPolicy.of(config.withStaleFallbackMs(-1)));
    assertEquals(new StaleReadPolicy(true, 3_000), StaleReadPolicy.of(config.withStaleReads(true)));
  }
}
