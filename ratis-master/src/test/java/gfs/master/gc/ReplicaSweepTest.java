package gfs.master.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkserverInfo;
import gfs.proto.DiskUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep over a real soft cluster picture (registry and locations) with a hand-driven clock. */
class ReplicaSweepTest {
  private static final long DEAD_AFTER_MS = 10_000;
  private static final long GRACE_MS = 5_000;

  private final AtomicLong nanos = new AtomicLong(1);
  private ClusterState cluster;
  private final Map<Long, ChunkRecord> records = new HashMap<>();

  @BeforeEach
  void setUp() {
    cluster = new ClusterState(new ChunkserverRegistry(DEAD_AFTER_MS, nanos::get), new ChunkLocations());
  }

  private void report(String server, long... handleVersionPairs) {
    cluster.registry().heartbeat(ChunkserverInfo.newBuilder().setId(server).setHost("127.0.0.1").build(),
        DiskUsage.getDefaultInstance(), 0, "", 0);
    List<ChunkReport> reports = new ArrayList<>();
    for (int i = 0; i < handleVersionPairs.length; i += 2) {
      reports.add(ChunkReport.newBuilder().setHandle(handleVersionPairs[i])
          .setVersion(handleVersionPairs[i + 1]).setLength(100).build());
    }
    cluster.locations().replaceAll(server, reports);
  }

  private void record(long handle, long version) {
    records.put(handle, ChunkRecord.newBuilder().setHandle(handle).setVersion(version).setRefCount(1).build());
  }

  private ReplicaSweep.Plan plan(ReplicaSweep sweep, long nowMs) {
    return sweep.plan(cluster, records::get, 100, nowMs);
  }

  @Test
  void namesOrphansAtOnceButNotChunksBeyondTheNextHandle() {
    record(1, 1);
    report("cs-1", 1, 1, 2, 1, 150, 1);
    ReplicaSweep.Plan plan = plan(new ReplicaSweep(GRACE_MS), 0);
    assertEquals(Map.of("cs-1", List.of(2L)), plan.orphans());
    assertTrue(plan.stale().isEmpty());
  }

  @Test
  void namesAStaleReplicaOnlyAfterTheGraceAndNeverTheLastCopy() {
    record(1, 3);
    record(2, 3);
    report("cs-1", 1, 2, 2, 2);   // both behind
    report("cs-2", 1, 3);         // chunk 1 is up to date here; chunk 2 nowhere
    ReplicaSweep sweep = new ReplicaSweep(GRACE_MS);
    assertTrue(plan(sweep, 0).isEmpty(), "a replica just seen stale may be awaiting its grant");
    assertTrue(plan(sweep, GRACE_MS - 1).isEmpty());
    ReplicaSweep.Plan plan = plan(sweep, GRACE_MS);
    assertEquals(Map.of("cs-1", List.of(1L)), plan.stale(), "chunk 2 has no up-to-date copy: kept");
  }

  @Test
  void aReplicaThatCatchesUpStartsItsGraceAfresh() {
    record(1, 3);
    report("cs-1", 1, 2);
    report("cs-2", 1, 3);
    ReplicaSweep sweep = new ReplicaSweep(GRACE_MS);
    plan(sweep, 0);
    report("cs-1", 1, 3);         // the grant reached it
    assertTrue(plan(sweep, 1_000).isEmpty());
    record(1, 4);                 // a later grant, cs-1 behind again
    report("cs-2", 1, 4);
    report("cs-1", 1, 3);
    assertTrue(plan(sweep, GRACE_MS + 1).isEmpty(), "its grace started at the last sighting");
    assertEquals(Map.of("cs-1", List.of(1L)), plan(sweep, 2 * GRACE_MS + 1).stale());
  }

  @Test
  void anUpToDateCopyOnADeadServerDoesNotCountAndDeadServersAreNotJudged() {
    record(1, 3);
    report("cs-2", 1, 3);
    nanos.addAndGet((DEAD_AFTER_MS + 1) * 1_000_000L);   // cs-2 dies
    report("cs-1", 1, 2, 7, 1);                          // cs-1 live, stale copy and an orphan
    ReplicaSweep sweep = new ReplicaSweep(0);
    ReplicaSweep.Plan plan = plan(sweep, 0);
    assertTrue(plan.stale().isEmpty(), "the only up-to-date copy is on a dead server");
    assertEquals(Map.of("cs-1", List.of(7L)), plan.orphans());
    assertTrue(!plan.orphans().containsKey("cs-2"));
  }

  @Test
  void namesACorruptReplicaAtOnceWhileAGoodCopyLivesElsewhereButNeverTheLastCopy() {
    record(1, 3);
    record(2, 3);
    report("cs-1", 1, 3, 2, 3);
    report("cs-2", 1, 3);
    List<ChunkReport> corrupt = new ArrayList<>();
    for (long handle : new long[] {1, 2}) {
      corrupt.add(ChunkReport.newBuilder().setHandle(handle).setVersion(3).setLength(100)
          .setCorrupt(true).build());
    }
    cluster.locations().replaceAll("cs-1", corrupt);
    ReplicaSweep.Plan plan = plan(new ReplicaSweep(GRACE_MS), 0);
    assertEquals(Map.of("cs-1", List.of(1L)), plan.corrupt(),
        "chunk 1 has a good copy on cs-2; chunk 2's only copy is kept");
    assertTrue(plan.stale().isEmpty() && plan.orphans().isEmpty());
  }
}
