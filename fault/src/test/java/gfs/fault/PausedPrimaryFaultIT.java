package gfs.fault;

import gfs.fault.cluster.Node;
import gfs.proto.ChunkLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "At most one primary can get a mutation accepted for a chunk at any time, across ...
 * paused or partitioned primaries": the primary of the chunk being appended to is paused
 * (docker pause: SIGSTOP of its process, whose clock then stands still from its own point of
 * view: the "clock pause past its lease" of the issue) for longer than its lease (6 s) plus the
 * dead-after time (4 s), while clients go on writing and appending; the master grants the
 * lease elsewhere. Then it is resumed, still believing in its old lease. Checked: sampled over
 * the seconds after the resume, at most one replica of the chunk claims a running lease; and
 * the checkers find no lost or foreign bytes (a mutation accepted under the old lease would
 * show as such). Three rounds.
 */
class PausedPrimaryFaultIT {
  static final long SEED = 9_004;
  static final String LOG = "/log/records";

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aPrimaryPausedPastItsLeaseAndResumedLeavesOnePrimary() throws Exception {
    FaultRun.run("paused-primary", SEED, 60_000, Map.of(), (cluster, history, random, until) -> {
      try (Primaries primaries = new Primaries(cluster.clientConfig(10_000))) {
        while (System.nanoTime() < until - TimeUnit.SECONDS.toNanos(15)) {
          long chunkIndex = Math.max(0, primaries.chunkCount(LOG) - 1);
          ChunkLocation chunk = primaries.locate(LOG, chunkIndex);
          List<String> before = primaries.primaries(chunk);
          if (before.size() != 1) {
            Thread.sleep(500); // between leases: look again
            continue;
          }
          Node primary = cluster.node(before.get(0));
          cluster.faults().pause(primary);
          Thread.sleep(6_000 + 4_000 + 3_000 + random.nextInt(2_000));
          cluster.faults().resume(primary);
          long sampleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
          while (System.nanoTime() < sampleUntil) {
            ChunkLocation now = primaries.locate(LOG, chunkIndex);
            // Ask the paused one too, even if the master no longer lists it as a replica.
            List<String> claims = primaries.primaries(now.toBuilder()
                .addAllReplicas(chunk.getReplicasList().stream()
                    .filter(r -> now.getReplicasList().stream().noneMatch(x -> x.getId().equals(r.getId())))
                    .toList()).build());
            if (claims.size() > 1) {
              throw new AssertionError("seed " + SEED + ": after " + primary.name() + " was resumed,"
                  + " replicas " + claims + " of chunk 0x" + Long.toHexString(chunk.getHandle())
                  + " all claim a running lease");
            }
            Thread.sleep(300);
          }
        }
      }
    }, (cluster, h) -> { });
  }
}
