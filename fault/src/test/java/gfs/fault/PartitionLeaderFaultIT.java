package gfs.fault;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.fault.cluster.FaultCluster;
import gfs.fault.cluster.Node;
import gfs.fault.history.History;
import gfs.fault.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "Namespace mutations are atomic and linearizable" across a partition: the master
 * leader is cut off from the other masters and the shadow (a firewall rule between their
 * container IPs; every server stays reachable from the test's client and the chunkservers).
 * The majority elects a new leader; the old one must stop acting as leader (checked: within
 * 20 s it no longer reports itself LEADER) and nothing it says may break linearizability: a
 * client that knows only the old leader keeps issuing creates and stats, recorded in the
 * same history that the checker judges. Then the partition heals; twice.
 */
class PartitionLeaderFaultIT {
  static final long SEED = 9_003;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aLeaderCutOffFromTheOtherMastersStopsLeadingAndBreaksNoGuarantee() throws Exception {
    FaultRun.run("partition-leader", SEED, 50_000, Map.of(), (cluster, history, random, until) -> {
      try (GfsClient patient = GfsClient.connect(cluster.clientConfig(FaultRun.PATIENT_TIMEOUT_MS))) {
        patient.mkdir("/ns/minority", true);
      }
      int round = 0;
      while (System.nanoTime() < until - TimeUnit.SECONDS.toNanos(20)) {
        Node leader = cluster.node(cluster.awaitLeader(60_000));
        List<Node> others = new ArrayList<>(cluster.nodes().stream()
            .filter(n -> n.isMaster() && !n.equals(leader)).toList());
        cluster.faults().partition(List.of(leader), others);
        minorityOps(history, leader, round, 12_000);
        awaitNotLeader(cluster, leader, 20_000);
        cluster.faults().healPartitions();
        round++;
        Thread.sleep(5_000 + random.nextInt(3_000));
      }
    }, (cluster, h) -> { });
  }

  /** Creates and stats through a client that knows only the old leader, for durationMs. */
  private static void minorityOps(History history, Node oldLeader, int round, long durationMs)
      throws Exception {
    ClientConfig only = FaultRun.linearizable(new ClientConfig(List.of(oldLeader.address()), 2_000,
        4_000, 10_000, false));
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
    try (GfsClient client = GfsClient.connect(only)) {
      for (int k = 0; System.nanoTime() < until; k++) {
        String path = "/ns/minority/r" + round + "-" + k;
        int create = history.invoke("minority", Op.Kind.CREATE, path);
        try {
          client.create(path);
          history.ok(create, null);
        } catch (GfsException e) {
          history.fail(create, e.kind() + " " + e.getMessage());
        }
        int stat = history.invoke("minority", Op.Kind.STAT, path);
        try {
          client.stat(path);
          history.ok(stat, Boolean.TRUE);
        } catch (GfsException e) {
          if (e.kind() == GfsException.Kind.NOT_FOUND) {
            history.ok(stat, Boolean.FALSE);
          } else {
            history.fail(stat, e.kind() + " " + e.getMessage());
          }
        }
      }
    }
  }

  private static void awaitNotLeader(FaultCluster cluster, Node oldLeader, long timeoutMs)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String roles = "";
    while (System.nanoTime() < deadline) {
      ClusterView view = cluster.status();
      roles = view.masters().toString();
      boolean stillLeads = view.masters().stream()
          .anyMatch(m -> m.id().equals(oldLeader.name()) && m.role().equals("LEADER"));
      if (!stillLeads) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("seed " + SEED + ": " + oldLeader.name() + ", cut off from the other"
        + " masters, still reports itself LEADER after " + timeoutMs + " ms: " + roles);
  }
}
