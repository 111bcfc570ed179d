package gfs.master.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.ChunkReport;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChunkLocationsTest {
  private final AtomicLong nowNanos = new AtomicLong(1);
  private final ChunkLocations locations = new ChunkLocations(nowNanos::get);

  @Test
  void aFullReportBuiltBeforeAGrantDoesNotDropOrLowerTheGrantedReplica() {
    locations.replaceAll("cs-1", List.of(report(7, 2)));
    locations.recordVersion("cs-1", 1, 1, 0);  // a new chunk the server just accepted
    locations.recordVersion("cs-1", 7, 3, 0);  // a version bump it just accepted
    nowNanos.addAndGet(ChunkLocations.GRANT_GRACE_NANOS - 1);
    locations.replaceAll("cs-1", List.of(report(7, 2)));  // built before both grants
    assertEquals(1, locations.replicas(1).get("cs-1").version(), "the new chunk stays");
    assertEquals(3, locations.replicas(7).get("cs-1").version(), "the bump is not undone");
  }

  @Test
  void aFullReportAfterTheGraceIsTheTruth() {
    locations.recordVersion("cs-1", 1, 1, 0);
    locations.recordVersion("cs-1", 7, 3, 0);
    nowNanos.addAndGet(ChunkLocations.GRANT_GRACE_NANOS);
    locations.replaceAll("cs-1", List.of(report(7, 2)));
    assertFalse(locations.replicas(1).containsKey("cs-1"), "a replica the server no longer has is gone");
    assertEquals(2, locations.replicas(7).get("cs-1").version());
    assertTrue(locations.handles("cs-1").contains(7L));
  }

  private static ChunkReport report(long handle, long version) {
    return ChunkReport.newBuilder().setHandle(handle).setVersion(version).build();
  }
}
