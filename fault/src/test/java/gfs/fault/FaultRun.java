package gfs.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.fault.check.AppendChecker;
import gfs.fault.check.NamespaceChecker;
import gfs.fault.check.Violation;
import gfs.fault.check.WriteChecker;
import gfs.fault.cluster.FaultCluster;
import gfs.fault.history.History;
import gfs.fault.history.Op;
import gfs.fault.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One scenario's run: a fresh cluster in containers, the mixed workload, the scenario's
 * faults for a bounded time, every fault healed, the final reads, then the checkers over the
 * whole history. On a violation the failure names the seed, each violation, and the history
 * around it (20 operations before and after, faults included); the whole history is saved to
 * target/fault-histories/SCENARIO.txt and the servers' logs to target/fault-logs/SCENARIO/.
 */
public final class FaultRun {
  /** Operations of the workload: short, so that a fault shows as failures within seconds. */
  public static final long OPERATION_TIMEOUT_MS = 8_000;
  /** Setup and final reads, after the faults: patient. */
  public static final long PATIENT_TIMEOUT_MS = 60_000;

  /** The scenario's faults, injected while the workload runs until untilNanos. */
  public interface Faults {
    void inject(FaultCluster cluster, History history, Random random, long untilNanos)
        throws Exception;
  }

  /** A scenario's own checks once the faults are healed and the workload stopped. */
  public interface AfterHeal {
    void check(FaultCluster cluster, History history) throws Exception;
  }

  private FaultRun() {}

  /** Clients that never fall back to stale reads: the namespace checker judges linearizability. */
  public static ClientConfig linearizable(ClientConfig config) {
    return config.withStaleFallbackMs(-1);
  }

  public static void run(String scenario, long seed, long faultMs, Map<String, Integer> smallDisksMb,
      Faults faults, AfterHeal afterHeal) throws Exception {
    long started = System.nanoTime();
    System.out.println("=== " + scenario + " seed " + seed);
    try (FaultCluster cluster = FaultCluster.start(scenario, FaultCluster.defaultSettings(), smallDisksMb)) {
      long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      Workload workload = new Workload(linearizable(cluster.clientConfig(OPERATION_TIMEOUT_MS)), seed);
      History history = workload.history();
      ClientConfig patient = linearizable(cluster.clientConfig(PATIENT_TIMEOUT_MS));
      workload.setup(patient);
      cluster.faults().recordInto(history);
      workload.start();
      try {
        try {
          Thread.sleep(2_000); // some acknowledged operations before the first fault
          faults.inject(cluster, history, new Random(seed), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(faultMs));
        } finally {
          cluster.faults().healAll();
          workload.stop();
        }
        cluster.awaitLeader(120_000);
        cluster.awaitLiveChunkservers(cluster.chunkservers().size(), 120_000);
        afterHeal.check(cluster, history);
        workload.finalReads(patient);
      } catch (Exception | Error e) {
        // A scenario's own check failed (or the cluster did not recover): keep the history.
        saveHistory(scenario, seed, history.ops());
        throw new AssertionError(scenario + " seed " + seed + " failed (history: target/fault-histories/"
            + scenario + ".txt, server logs: target/fault-logs/" + scenario + "/); faults:\n  "
            + String.join("\n  ", cluster.faults().log()) + "\n" + e, e);
      }

      List<Op> ops = history.ops();
      saveHistory(scenario, seed, ops);
      List<Violation> violations = new ArrayList<>();
      NamespaceChecker namespace = new NamespaceChecker();
      violations.addAll(namespace.check(ops));
      violations.addAll(new WriteChecker().check(ops));
      violations.addAll(new AppendChecker().check(ops));
      String summary = workload.summary();
      System.out.println(scenario + " seed " + seed + ": cluster up in " + upMs + " ms; " + ops.size()
          + " operations: " + summary + (namespace.unchecked().isEmpty() ? ""
          : "; namespace paths not checked (bounds): " + namespace.unchecked()));
      if (!violations.isEmpty()) {
        throw new AssertionError(report(scenario, seed, ops, violations, cluster));
      }
      assertTrue(workload.errors().isEmpty(), "seed " + seed + ": workload threads failed: "
          + workload.errors());
      for (Op.Kind kind : List.of(Op.Kind.CREATE, Op.Kind.WRITE, Op.Kind.APPEND, Op.Kind.STAT)) {
        assertTrue(ops.stream().anyMatch(op -> op.kind() == kind && op.ok()
                && !op.process().equals(WriteChecker.FINAL) && !op.process().equals("setup")),
            "seed " + seed + ": the workload had no acknowledged " + kind + ": it proves nothing");
      }
      System.out.println("=== " + scenario + " seed " + seed + " passed in "
          + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
    }
  }

  private static String report(String scenario, long seed, List<Op> ops, List<Violation> violations,
      FaultCluster cluster) {
    StringBuilder s = new StringBuilder();
    s.append(scenario).append(": ").append(violations.size()).append(" violation(s), seed ")
        .append(seed).append(" (history: target/fault-histories/").append(scenario)
        .append(".txt, server logs: target/fault-logs/").append(scenario).append("/)\n");
    for (Violation v : violations.subList(0, Math.min(5, violations.size()))) {
      s.append("\n").append(v).append("\n").append(History.around(ops, v.opIndex(), 20, 20));
    }
    s.append("\nfaults:\n");
    cluster.faults().log().forEach(line -> s.append("  ").append(line).append('\n'));
    return s.toString();
  }

  private static void saveHistory(String scenario, long seed, List<Op> ops) throws Exception {
    Path dir = Path.of("target", "fault-histories");
    Files.createDirectories(dir);
    StringBuilder s = new StringBuilder("seed " + seed + "\n");
    for (Op op : ops) {
      s.append(op.describe()).append('\n');
    }
    Files.writeString(dir.resolve(scenario + ".txt"), s, StandardCharsets.UTF_8);
  }
}
