package gfs.master.metrics;

import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.gc.GarbageCollector;
import gfs.master.gc.ReplicaCollector;
import gfs.master.lease.LeaseManager;
import gfs.master.namespace.Namespace;
import gfs.master.raft.RaftNode;
import gfs.master.replication.ChunkNeed;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.replication.ScanTally;
import gfs.master.statemachine.LeaderChanges;
import gfs.master.store.MasterStore;
import gfs.proto.DiskUsage;
import gfs.proto.RaftRole;
import gfs.rpc.NamedThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.lmdbjava.Txn;

/**
 * The master's own series, read from its parts when Prometheus scrapes. Raft state is each
 * master's own; what only the leader knows (replication counts, chunkservers, leases) is 0 on
 * the others, so dashboards take the max over the masters or filter on gfs_master_raft_leader.
 * Calls by method and outcome are gfs_rpc_server_seconds.
 */
public final class MasterMetrics implements AutoCloseable {
  /** How often the leaderless state is sampled: the resolution of election times. */
  private static final long LEADER_SAMPLE_MS = 100;

  private final RaftNode raft;
  private final ClusterState cluster;
  private final ReplicationMonitor replication;
  private final MultiGauge heartbeatAges;
  private final MultiGauge queueByNeed;
  private final ScheduledExecutorService leaderSampler;

  private MasterMetrics(RaftNode raft, ClusterState cluster, ReplicationMonitor replication,
      MultiGauge heartbeatAges, MultiGauge queueByNeed, ScheduledExecutorService leaderSampler) {
    this.leaderSampler = leaderSampler;
    this.raft = raft;
    this.cluster = cluster;
    this.replication = replication;
    this.heartbeatAges = heartbeatAges;
    this.queueByNeed = queueByNeed;
  }

  public static MasterMetrics bind(String serverId, MeterRegistry registry, Path dataDir, RaftNode raft,
      MasterStore store, Namespace namespace, ClusterState cluster, ReplicationMonitor replication,
      LeaseManager leases, GarbageCollector gc, LeaderChanges leaderChanges) {
    Counter changes = Counter.builder("gfs.master.raft.leader.changes")
        .description("Changes of the leader this master knows, since it started").register(registry);
    Timer elections = Timer.builder("gfs.master.raft.election")
        .description("From this master losing its leader to knowing the next one").publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    leaderChanges.addListener((leader, election) -> {
      changes.increment();
      if (election != null) {
        elections.record(election);
      }
    });
    gauge(registry, "gfs.master.raft.leader", "1 on the leader, 0 on followers and shadows", raft,
        r -> r.isLeader() ? 1 : 0);
    gauge(registry, "gfs.master.raft.shadow", "1 on a read-only shadow (Raft listener)", raft,
        r -> r.role() == RaftRole.LISTENER ? 1 : 0);
    gauge(registry, "gfs.master.raft.term", "Raft term; each leader change raises it", raft, RaftNode::term);
    gauge(registry, "gfs.master.raft.commit.index", "Highest log index known committed", raft,
        RaftNode::commitIndex);
    gauge(registry, "gfs.master.raft.applied.index", "Highest log index applied to the namespace", raft,
        RaftNode::appliedIndex);
    Path raftDir = dataDir.resolve("raft");
    gauge(registry, "gfs.master.raft.log.bytes", "Bytes of Raft log segments on disk", raftDir,
        dir -> bytesUnder(dir, false));
    gauge(registry, "gfs.master.checkpoint.bytes", "Bytes of namespace checkpoints on disk", raftDir,
        dir -> bytesUnder(dir, true));
    gauge(registry, "gfs.master.files", "Files and directories in the namespace", store,
        s -> inTxn(s, txn -> namespace.inodeCount(txn)));
    gauge(registry, "gfs.master.chunks", "Chunks in the namespace", store,
        s -> inTxn(s, txn -> namespace.chunkCount(txn)));
    gauge(registry, "gfs.master.trash.entries", "Deleted entries in the trash, awaiting collection",
        gc, GarbageCollector::trashEntries);
    for (String kind : List.of("orphan", "stale", "corrupt")) {
      Gauge.builder("gfs.master.gc.pending.replica.deletes", gc, leaderOnly(raft, g -> pending(g, kind)))
          .description("Replicas the leader told chunkservers to delete, not yet reported gone (leader only)")
          .tag("kind", kind).strongReference(true).register(registry);
    }
    gauge(registry, "gfs.master.gc.deleted.replicas", "Replicas deleted by garbage collection since this master"
        + " became leader", gc, leaderOnly(raft, g -> g.status().replicas().deletedReplicas()));
    gauge(registry, "gfs.master.gc.reclaimed.bytes", "Bytes reclaimed by garbage collection since this master"
        + " became leader", gc, leaderOnly(raft, g -> g.status().replicas().reclaimedBytes()));
    gauge(registry, "gfs.master.chunks.under.replicated", "Chunks with fewer live replicas than their goal"
        + " (last scan, leader only)", replication, r -> leaderReport(raft, r).underReplicated());
    gauge(registry, "gfs.master.chunks.missing", "Chunks with no live replica (last scan, leader only)",
        replication, r -> leaderReport(raft, r).missing());
    gauge(registry, "gfs.master.chunks.over.replicated", "Chunks with more replicas than their goal"
        + " (last scan, leader only)", replication, r -> leaderReport(raft, r).overReplicated());
    gauge(registry, "gfs.master.replication.queue", "Chunks the last scan queued for re-replication"
        + " (leader only)", replication, r -> leaderReport(raft, r).work().size());
    gauge(registry, "gfs.master.clones.in.flight", "Chunk copies the leader has ordered and not seen finish",
        replication, leaderOnly(raft, r -> r.throttle().total()));
    gauge(registry, "gfs.master.leases", "Leases in the leader's table (leader only)", leases,
        leaderOnly(raft, LeaseManager::leaseCount));
    for (String state : List.of("live", "dead", "decommissioning")) {
      Gauge.builder("gfs.master.chunkservers", cluster, leaderOnly(raft, c -> countInState(c, state)))
          .description("Chunkservers by state, as the leader sees them (leader only)")
          .tag("state", state).strongReference(true).register(registry);
    }
    gauge(registry, "gfs.master.capacity.bytes", "Disk capacity of the live chunkservers (leader only)", cluster,
        leaderOnly(raft, c -> liveDisk(c, DiskUsage::getCapacityBytes)));
    gauge(registry, "gfs.master.used.bytes", "Chunk bytes on the live chunkservers (leader only)", cluster,
        leaderOnly(raft, c -> liveDisk(c, DiskUsage::getUsedBytes)));
    gauge(registry, "gfs.master.free.bytes", "Free disk on the live chunkservers (leader only)", cluster,
        leaderOnly(raft, c -> liveDisk(c, DiskUsage::getFreeBytes)));
    MultiGauge ages = MultiGauge.builder("gfs.master.chunkserver.heartbeat.age.seconds")
        .description("Seconds since each chunkserver's last heartbeat to this master").register(registry);
    MultiGauge queue = MultiGauge.builder("gfs.master.replication.queue.chunks")
        .description("Chunks the last scan queued, by replicas missing (negative: surplus) and whether a client"
            + " waits on them (leader only)").register(registry);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
        NamedThreads.factory(serverId + "-leader-sampler", true));
    sampler.scheduleWithFixedDelay(() -> {
      if (raft.leaderId().isEmpty()) {
        leaderChanges.noLeader();
      }
    }, LEADER_SAMPLE_MS, LEADER_SAMPLE_MS, TimeUnit.MILLISECONDS);
    return new MasterMetrics(raft, cluster, replication, ages, queue, sampler);
  }

  @Override
  public void close() {
    leaderSampler.shutdownNow();
  }

  private static long pending(GarbageCollector gc, String kind) {
    ReplicaCollector.Stats stats = gc.status().replicas();
    return switch (kind) {
      case "orphan" -> stats.pendingOrphans();
      case "stale" -> stats.pendingStale();
      default -> stats.pendingCorrupt();
    };
  }

  /** Refreshes the per-chunkserver series (servers come and go); called before each scrape. */
  public void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    ChunkserverRegistry registry = cluster.registry();
    for (ChunkserverRegistry.Entry entry : registry.all()) {
      double ageSeconds = registry.ageMs(entry) / 1000.0;
      rows.add(MultiGauge.Row.of(Tags.of("chunkserver", entry.info().getId(), "chunkserver_rack",
          entry.info().getRack()), ageSeconds));
    }
    heartbeatAges.register(rows, true);
    List<MultiGauge.Row<?>> levels = new ArrayList<>();
    if (raft.isLeader()) {
      Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
      for (ChunkNeed need : replication.latest().work()) {
        counts.merge(List.of(Integer.toString(need.missing()), Boolean.toString(need.blocked())), 1L, Long::sum);
      }
      counts.forEach((key, chunks) -> levels.add(MultiGauge.Row.of(
          Tags.of("missing_replicas", key.get(0), "blocked", key.get(1)), chunks)));
    }
    queueByNeed.register(levels, true);
  }

  /** What only the leader knows: 0 on followers and shadows. */
  private static <T> ToDoubleFunction<T> leaderOnly(RaftNode raft, ToDoubleFunction<T> read) {
    return source -> raft.isLeader() ? read.applyAsDouble(source) : 0;
  }

  private static long liveDisk(ClusterState cluster, ToLongFunction<DiskUsage> field) {
    return cluster.registry().live().stream().mapToLong(e -> field.applyAsLong(e.disk())).sum();
  }

  private static ScanTally.Report leaderReport(RaftNode raft, ReplicationMonitor replication) {
    return raft.isLeader() ? replication.latest() : ScanTally.Report.EMPTY;
  }

  private static long countInState(ClusterState cluster, String state) {
    Set<String> decommissioning = cluster.decommissioning();
    return cluster.registry().all().stream().filter(e -> {
      String id = e.info().getId();
      boolean live = cluster.registry().isLive(id);
      return switch (state) {
        case "live" -> live && !decommissioning.contains(id);
        case "dead" -> !live;
        default -> live && decommissioning.contains(id);
      };
    }).count();
  }

  private static double inTxn(MasterStore store, ToLongFunction<Txn<ByteBuffer>> read) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return read.applyAsLong(txn);
    }
  }

  /** Bytes of the files under dir: of checkpoints (under sm/) or of everything else (the log). */
  private static double bytesUnder(Path dir, boolean checkpoints) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> dir.relativize(f).toString().contains("/sm/") == checkpoints)
          .mapToLong(MasterMetrics::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;  // the directory changed under the walk (a segment purged): the next scrape counts again
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;  // purged between listing and sizing
    }
  }

  private static <T> void gauge(MeterRegistry registry, String name, String help, T source, ToDoubleFunction<T> f) {
    // Strong: Micrometer holds a gauge's source weakly, and some sources here (a path, a method
    // reference) have no other owner; collected, they would read NaN.
    Gauge.builder(name, source, f).description(help).strongReference(true).register(registry);
  }
}
