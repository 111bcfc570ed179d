package gfs.fault;

import gfs.fault.cluster.Node;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "a client is answered only after it is committed on a quorum" and "Restarts within
 * seconds": every server, masters, shadow and chunkservers, is SIGKILLed at once during the
 * workload, then all are started again on their files. Nothing acknowledged before the crash
 * may be lost (chunkservers run without fsync, as by default: a SIGKILL loses no page cache),
 * and the workload goes on after the restart.
 */
class KillEverythingFaultIT {
  static final long SEED = 9_002;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void killingEveryServerAndRestartingThemLosesNothingAcknowledged() throws Exception {
    FaultRun.run("kill-everything", SEED, 30_000, Map.of(), (cluster, history, random, until) -> {
      Thread.sleep(5_000 + random.nextInt(3_000));
      List<Node> all = cluster.nodes();
      for (Node node : all) {
        cluster.faults().kill(node);
      }
      Thread.sleep(2_000);
      cluster.faults().restartAll(all);
      cluster.awaitLeader(120_000);
      cluster.awaitLiveChunkservers(all.size() - 4, 120_000);
      // The workload goes on against the restarted cluster until the bound.
      long leftMs = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      Thread.sleep(Math.max(10_000, leftMs));
    }, (cluster, h) -> { });
  }
}
