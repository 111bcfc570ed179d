package gfs.fault;

import gfs.fault.cluster.Node;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "Failover: when the leader dies a new one is elected automatically" and "a client is
 * answered only after [a mutation] is committed on a quorum": the master leader is SIGKILLed
 * every few seconds during the mixed workload and started again; no acknowledged namespace
 * operation, write or record append may be lost or seen out of order.
 */
class KillLeaderFaultIT {
  static final long SEED = 9_001;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void killingTheLeaderRepeatedlyLosesNothingAcknowledged() throws Exception {
    FaultRun.run("kill-leader", SEED, 50_000, Map.of(), (cluster, history, random, until) -> {
      while (System.nanoTime() < until) {
        Node leader = cluster.node(cluster.awaitLeader(60_000));
        cluster.faults().kill(leader);
        Thread.sleep(2_000 + random.nextInt(2_000));
        cluster.faults().restart(leader);
        Thread.sleep(3_000 + random.nextInt(3_000));
      }
    }, (cluster, h) -> { });
  }

}
