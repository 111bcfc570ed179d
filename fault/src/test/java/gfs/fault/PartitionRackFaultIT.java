package gfs.fault;

import gfs.client.ClusterView;
import gfs.fault.cluster.FaultCluster;
import gfs.fault.cluster.Node;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "Re-replication when a chunk falls below its goal" and "Stale replicas are collected":
 * a whole rack of chunkservers (rack-2: cs-2, cs-4) is cut off the network during the
 * workload. Checked: the masters re-replicate every chunk on the other rack (no chunk under
 * its goal while the rack is away); after the rack is reconnected, the extra and stale
 * replicas it brings back are collected (no chunk over or under its goal); and the checkers
 * find every acknowledged write and append.
 */
class PartitionRackFaultIT {
  static final long SEED = 9_005;

  @Test
  @Timeout(value = 7, unit = TimeUnit.MINUTES)
  void aRackCutOffIsReReplicatedAndItsStaleReplicasCollectedAfterHealing() throws Exception {
    FaultRun.run("partition-rack", SEED, 60_000, Map.of(), (cluster, history, random, until) -> {
      Thread.sleep(5_000);
      List<Node> rack = cluster.rack("rack-2");
      for (Node node : rack) {
        cluster.faults().disconnect(node);
      }
      long cutAt = System.nanoTime();
      awaitStatus(cluster, "every chunk back at its goal on rack-1",
          view -> view.underReplicatedChunks() == 0 && view.missingChunks() == 0
              && view.chunkservers().stream().filter(s -> s.state().equals("LIVE")).count() == 3,
          90_000);
      System.out.println("partition-rack: re-replicated in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt) + " ms");
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()) - 20_000));
      for (Node node : rack) {
        cluster.faults().reconnect(node);
      }
    }, (cluster, h) -> {
      long healedAt = System.nanoTime();
      awaitStatus(cluster, "no chunk over or under its goal after healing",
          view -> view.underReplicatedChunks() == 0 && view.overReplicatedChunks() == 0
              && view.missingChunks() == 0, 120_000);
      System.out.println("partition-rack: extra and stale replicas collected in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healedAt) + " ms");
    });
  }

  private static void awaitStatus(FaultCluster cluster, String what, Predicate<ClusterView> done,
      long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String last = "";
    Thread.sleep(3_000); // the leader's next replication scan counts the new state
    while (System.nanoTime() < deadline) {
      ClusterView view = cluster.status();
      last = "under " + view.underReplicatedChunks() + ", over " + view.overReplicatedChunks()
          + ", missing " + view.missingChunks() + ", chunkservers " + view.chunkservers().stream()
          .map(s -> s.id() + " " + s.state() + " " + s.chunkCount()).toList();
      if (done.test(view)) {
        return;
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("seed " + SEED + ": not " + what + " within " + timeoutMs + " ms: " + last);
  }
}
