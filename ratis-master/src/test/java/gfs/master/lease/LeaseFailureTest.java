package gfs.master.lease;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which lease a client's "my primary failed" concerns (LeaseManager.failedAt). */
class LeaseFailureTest {
  @Test
  void aFailureAtTheCurrentVersionOrAnUnknownOneIsCheckedAgain() {
    assertTrue(LeaseManager.failedAt(7, 7));
    assertTrue(LeaseManager.failedAt(0, 7), "a client that did not say its version");
  }

  @Test
  void aFailureAtAnOlderVersionGetsTheLeaseGrantedSinceNotANewOne() {
    // Many appenders fail on one lease; the first one's request replaced it (version 8), the
    // others' requests name version 7 and are handed version 8 as it is.
    assertFalse(LeaseManager.failedAt(7, 8));
  }

  @Test
  void noFailureIsNoFailure() {
    assertFalse(LeaseManager.failedAt(LeaseManager.NO_FAILURE, 1));
  }
}
