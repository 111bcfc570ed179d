package gfs.master.admin;

import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.config.ChunkManagementConfig;
import gfs.master.gc.GarbageCollector;
import gfs.master.namespace.Switches;
import gfs.master.replication.ChunkNeed;
import gfs.master.replication.CloneThrottle;
import gfs.master.replication.RebalancePlanner;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.replication.ReplicationPriority;
import gfs.master.replication.ScanTally;
import gfs.proto.BalancerResponse;
import gfs.proto.BalancerServer;
import gfs.proto.CloneInFlight;
import gfs.proto.GcStatusResponse;
import gfs.proto.QueuedChunk;
import gfs.proto.ReplicationLevel;
import gfs.proto.ReplicationStatusResponse;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The answers of `gfs admin replication status`, `gc status` and `balancer status`, from what
 * the leader's background loops last saw: their last scan, never a scan per call.
 */
public final class StatusReports {
  public static final int DEFAULT_QUEUE_ENTRIES = 100;
  public static final int MAX_QUEUE_ENTRIES = 10_000;

  private final ReplicationMonitor replication;
  private final GarbageCollector gc;
  private final ClusterState cluster;
  private final LongSupplier nanoClock;

  public StatusReports(ReplicationMonitor replication, GarbageCollector gc, ClusterState cluster,
      LongSupplier nanoClock) {
    this.replication = replication;
    this.gc = gc;
    this.cluster = cluster;
    this.nanoClock = nanoClock;
  }

  /** The queue of the last scan by priority (at most maxEntries chunks listed) and the clones under way. */
  public ReplicationStatusResponse replication(int maxEntries, boolean safeMode) {
    ChunkManagementConfig settings = replication.settings();
    ScanTally.Report report = replication.latest();
    List<ChunkNeed> queue = report.work();
    List<ReplicationPriority.Level> levels = ReplicationPriority.levels(queue);
    ReplicationStatusResponse.Builder response = ReplicationStatusResponse.newBuilder()
        .setScannedAtMs(report.finishedAtMs()).setScanIntervalMs(settings.replicationScanIntervalMs())
        .setUnderReplicatedChunks(report.underReplicated()).setMissingChunks(report.missing())
        .setOverReplicatedChunks(report.overReplicated()).setQueuedChunks(queue.size())
        .setMaxClones(settings.maxClonesPerCluster()).setMaxClonesPerServer(settings.maxClonesPerServer())
        .setPaused(safeMode);
    for (ReplicationPriority.Level level : levels) {
      response.addLevels(ReplicationLevel.newBuilder().setPriority(level.priority()).setBlocked(level.blocked())
          .setMissingReplicas(level.missing()).setDeleted(level.deleted()).setChunks(level.chunks()));
    }
    CloneThrottle throttle = replication.throttle();
    for (ChunkNeed need : queue.subList(0, Math.min(queue.size(), maxEntries))) {
      response.addQueue(QueuedChunk.newBuilder().setPriority(ReplicationPriority.priority(levels, need))
          .setHandle(need.handle()).setVersion(need.version()).setGoal(need.goal())
          .setLiveReplicas(need.effective()).setBlocked(need.blocked()).setDeleted(need.deleted())
          .setCloneInFlight(throttle.isInFlight(need.handle())));
    }
    clones(throttle.all(), false).forEach(response::addClones);
    return response.build();
  }

  public GcStatusResponse gc() {
    GarbageCollector.Status status = gc.status();
    return GcStatusResponse.newBuilder().setRetentionMs(status.retentionMs())
        .setScanIntervalMs(status.scanIntervalMs()).setLeaderSinceMs(status.leaderSinceMs())
        .setLastScanAtMs(status.lastScanAtMs()).setTrashEntries(status.trashEntries())
        .setNextExpiryAtMs(status.nextExpiryAtMs()).setPurgedEntries(status.purgedEntries())
        .setPendingOrphanReplicas(status.replicas().pendingOrphans())
        .setPendingStaleReplicas(status.replicas().pendingStale())
        .setPendingCorruptReplicas(status.replicas().pendingCorrupt())
        .setDeletedReplicas(status.replicas().deletedReplicas())
        .setReclaimedBytes(status.replicas().reclaimedBytes())
        .setPaused(status.paused()).build();
  }

  /** The switch, the settings, each server against the mean and the moves under way. */
  public BalancerResponse balancer(Switches.State balancer, boolean safeMode) {
    ChunkManagementConfig settings = replication.settings();
    List<RebalancePlanner.Usage> usage = replication.usage();
    usage = usage.stream().sorted(Comparator.comparing(RebalancePlanner.Usage::id)).toList();
    BalancerResponse.Builder response = BalancerResponse.newBuilder().setEnabled(balancer.on())
        .setActive(balancer.on() && settings.rebalanceIntervalMs() > 0 && !safeMode)
        .setChangedAtMs(balancer.changedAtMs()).setIntervalMs(settings.rebalanceIntervalMs())
        .setThreshold(settings.rebalanceThreshold()).setMaxMovesPerServer(settings.maxMovesPerServer())
        .setLastRunAtMs(replication.lastRebalanceAtMs()).setMeanUsedBytes(RebalancePlanner.mean(usage))
        .setSafeMode(safeMode);
    List<CloneThrottle.Clone> moves = replication.throttle().all().stream().filter(CloneThrottle.Clone::move).toList();
    for (RebalancePlanner.Standing standing : RebalancePlanner.assess(usage, settings.rebalanceThreshold())) {
      ChunkserverRegistry.Entry entry = cluster.registry().get(standing.id());
      response.addServers(BalancerServer.newBuilder().setId(standing.id())
          .setRack(entry == null ? "" : entry.info().getRack()).setUsedBytes(standing.usedBytes())
          .setCapacityBytes(entry == null ? 0 : entry.disk().getCapacityBytes())
          .setDeviation(standing.deviation()).setAbove(standing.above()).setBelow(standing.below())
          .setMovesIn((int) moves.stream().filter(m -> m.target().equals(standing.id())).count())
          .setMovesOut((int) moves.stream().filter(m -> m.source().equals(standing.id())).count()));
    }
    clones(moves, true).forEach(response::addMoves);
    return response.build();
  }

  private List<CloneInFlight> clones(List<CloneThrottle.Clone> clones, boolean movesOnly) {
    long now = nanoClock.getAsLong();
    return clones.stream().filter(c -> !movesOnly || c.move())
        .sorted(Comparator.comparingLong(CloneThrottle.Clone::startedNanos))
        .map(c -> CloneInFlight.newBuilder().setHandle(c.handle()).setVersion(c.version())
            .setSource(c.source()).setTarget(c.target()).setMove(c.move())
            .setAgeMs(Math.max(0, (now - c.startedNanos()) / 1_000_000L)).build())
        .toList();
  }
}
