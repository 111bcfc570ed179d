package gfs.master.replication;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.cluster.CommandQueue;
import gfs.master.config.ChunkManagementConfig;
import gfs.master.namespace.ChunkIds;
import gfs.master.namespace.Namespace;
import gfs.master.placement.DiskRoom;
import gfs.master.placement.Placement;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverCommand;
import gfs.proto.ChunkserverInfo;
import gfs.proto.CloneChunk;
import gfs.proto.DeleteChunks;
import gfs.proto.FailedClone;
import gfs.proto.INode;
import gfs.rpc.NamedThreads;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's replication loop (GFS sections 4.3, 4.4): every scan interval it walks the
 * namespace, counts under-, over-replicated and missing chunks, starts clones for the most
 * urgent under-replicated ones within the throttle, deletes one surplus replica of
 * over-replicated ones, and every rebalance interval moves chunks toward even disk use.
 * Decisions are made by the plain classes of this package; this class reads the store and the
 * cluster picture and queues the commands that heartbeat replies carry. It does nothing while
 * this master is not the ready leader, and forgets its soft state when leadership is lost. In
 * safe mode it goes on counting but starts no clone, surplus deletion or move; rebalancing
 * runs only while the balancer switch (replicated, `gfs admin balancer start|stop`) is on.
 */
public final class ReplicationMonitor implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);
  /** Bound on chunks kept per scan for work: the heap does not grow with the namespace. */
  static final int MAX_WORK_PER_SCAN = 10_000;
  static final int MAX_MOVE_CANDIDATES_PER_DONOR = 256;
  static final int MAX_SHARED_PER_SCAN = 100_000;
  static final int PAGE_SIZE = 1_000;
  static final int MAX_MARKS = 100_000;
  /**
   * Leases revoked per scan to clone their chunks: each is an RPC to a primary (bounded by the
   * RPC timeout), made on the scan's thread; the rest wait for the next scan.
   */
  static final int MAX_REVOKES_PER_SCAN = 8;
  /** A deletion not reported done by then is assumed lost, and the chunk judged again. */
  static final long DELETION_TTL_MS = 30_000;

  /** Leases on chunks, as far as copying them is concerned. */
  public interface LeaseHolders {
    /** Which server holds a lease on the chunk that may still be in force (null when none). */
    String holder(long handle);

    /**
     * Called once a clone of handle at version is reserved in the throttle (so no new lease is
     * granted): ends the lease on it, if any. True when the chunk can be copied now; false when
     * a lease must be waited out (its primary cannot be reached), the chunk is no longer at
     * version (a lease was granted before the reservation), or stillNeeded, asked once a grant
     * under way has finished, says the clone is not needed any more (a new chunk's grant had
     * not yet recorded its replicas when the scan counted them).
     */
    boolean readyForCopy(long handle, long version, BooleanSupplier stillNeeded);
  }

  private final ChunkManagementConfig settings;
  private final long chunkSizeBytes;
  private final MasterStore store;
  private final Namespace namespace;
  private final ClusterState cluster;
  private final CommandQueue commands;
  private final LeaseHolders leases;
  /** Revokes this scan may still make (scan thread only). */
  private int revokesLeft;
  private final BooleanSupplier isLeader;
  private final LongSupplier nanoClock;
  private final NamespaceWalk walk;
  private final ClonePlanner clonePlanner;
  private final RebalancePlanner rebalancePlanner;
  private final CloneThrottle throttle;
  private final ReplicaMarks deletions;
  private final ReplicaMarks moveSources;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("master-replication", true));
  private volatile ScanTally.Report latest = ScanTally.Report.EMPTY;
  private boolean wasLeader;
  private long lastRebalanceNanos;
  /** Wall-clock time of this leader's last rebalancing round; 0 = none. */
  private volatile long lastRebalanceAtMs;
  /** Set by {@link #rebalanceSoon}: the next scan rebalances whatever the interval. */
  private volatile boolean rebalanceRequested;
  private boolean pausedBySafeMode;

  public ReplicationMonitor(ChunkManagementConfig settings, long chunkSizeBytes, MasterStore store,
      Namespace namespace, ClusterState cluster, CommandQueue commands, LeaseHolders leases,
      CloneThrottle throttle, BooleanSupplier isLeader, LongSupplier nanoClock) {
    this.settings = settings;
    this.chunkSizeBytes = chunkSizeBytes;
    this.store = store;
    this.walk = new NamespaceWalk(store, namespace, PAGE_SIZE);
    this.namespace = namespace;
    this.cluster = cluster;
    this.commands = commands;
    this.leases = leases;
    this.isLeader = isLeader;
    this.nanoClock = nanoClock;
    this.clonePlanner = new ClonePlanner(new Placement(Integer.MAX_VALUE));
    this.rebalancePlanner = new RebalancePlanner(settings.rebalanceThreshold(), settings.maxMovesPerServer());
    this.throttle = throttle;
    this.deletions = new ReplicaMarks(MAX_MARKS, DELETION_TTL_MS, nanoClock);
    this.moveSources = new ReplicaMarks(MAX_MARKS, settings.cloneTimeoutMs(), nanoClock);
    this.lastRebalanceNanos = nanoClock.getAsLong();
  }

  /** Starts the periodic scan. */
  public ReplicationMonitor start() {
    long intervalMs = settings.replicationScanIntervalMs();
    scheduler.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The last finished scan (counts for cluster status; never a scan per call). */
  public ScanTally.Report latest() {
    return latest;
  }

  public CloneThrottle throttle() {
    return throttle;
  }

  public ChunkManagementConfig settings() {
    return settings;
  }

  /** When this leader last planned rebalancing moves (wall clock); 0 = not since it leads. */
  public long lastRebalanceAtMs() {
    return lastRebalanceAtMs;
  }

  /**
   * target's heartbeat reported clones that failed there: those still in flight are given up, so
   * the next scan plans them again (from another source or to another target where one failed).
   */
  public void clonesFailed(String target, List<FailedClone> failures, long receivedNanos) {
    for (FailedClone failure : failures) {
      long failedAtNanos = receivedNanos - TimeUnit.MILLISECONDS.toNanos(failure.getFailedMsAgo());
      CloneThrottle.Clone clone = throttle.fail(failure.getHandle(), failure.getVersion(), failure.getSourceId(),
          target, failedAtNanos);
      if (clone != null) {
        LOG.warn("{} of {} version {} from {} to {} failed: {}; planned again", clone.move() ? "move" : "clone",
            ChunkIds.format(clone.handle()), clone.version(), clone.source(), clone.target(), failure.getReason());
      }
    }
  }

  /** The next scan plans rebalancing moves at once (after `balancer start`). */
  public void rebalanceSoon() {
    rebalanceRequested = true;
  }

  /** Chunk bytes of each live chunkserver not being decommissioned: what rebalancing evens out. */
  public List<RebalancePlanner.Usage> usage() {
    Set<String> decommissioning = cluster.decommissioning();
    List<RebalancePlanner.Usage> usage = new ArrayList<>();
    for (ServerView server : liveServers(decommissioning)) {
      if (!server.decommissioning()) {
        usage.add(new RebalancePlanner.Usage(server.id(), server.usedBytes(), throttle.movesInto(server.id())));
      }
    }
    return usage;
  }

  /** One round: public for tests that drive the loop by hand. */
  public synchronized void tick() {
    try {
      if (!isLeader.getAsBoolean()) {
        if (wasLeader) {
          LOG.info("no longer the leader: dropping {} clones in flight and queued commands", throttle.total());
          forget();
        }
        return;
      }
      wasLeader = true;
      reapClones();
      boolean safeMode;
      boolean balancerOn;
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        safeMode = namespace.safeMode(txn).on();
        balancerOn = namespace.balancer(txn).on();
      }
      logPause(safeMode);
      Set<String> decommissioning = cluster.decommissioning();
      List<RebalancePlanner.Move> moves = !safeMode && balancerOn && rebalanceDue()
          ? planMoves(decommissioning) : List.of();
      Set<String> donors = new HashSet<>();
      moves.forEach(m -> donors.add(m.from()));
      ScanTally tally = new ScanTally(decommissioning, cluster.takeBlocked(), donors, MAX_WORK_PER_SCAN,
          MAX_MOVE_CANDIDATES_PER_DONOR, MAX_SHARED_PER_SCAN);
      if (!walk.walk((txn, file, deleted) -> visit(txn, file, deleted, tally, decommissioning),
          isLeader)) {
        return;
      }
      ScanTally.Report report = tally.finish(handle -> upToDateOf(handle, decommissioning),
          System.currentTimeMillis());
      logChange(latest, report);
      latest = report;
      if (safeMode) {
        return;  // the counts stay fresh for status and fsck; nothing starts
      }
      revokesLeft = MAX_REVOKES_PER_SCAN;
      for (ChunkNeed need : report.work()) {
        if (need.underReplicated()) {
          startClone(need, decommissioning);
        } else {
          deleteSurplus(need, decommissioning);
        }
      }
      startMoves(moves, report, decommissioning);
    } catch (RuntimeException e) {
      LOG.warn("replication scan failed: {}", e.toString(), e);
    }
  }

  private void logPause(boolean safeMode) {
    if (safeMode != pausedBySafeMode) {
      LOG.info(safeMode ? "safe mode: re-replication, surplus deletion and rebalancing paused"
          : "safe mode left: re-replication, surplus deletion and rebalancing resume");
      pausedBySafeMode = safeMode;
    }
  }

  private void forget() {
    wasLeader = false;
    throttle.clear();
    deletions.clear();
    moveSources.clear();
    commands.clear();
    latest = ScanTally.Report.EMPTY;
    lastRebalanceAtMs = 0;
  }

  private void visit(Txn<ByteBuffer> txn, INode file, boolean deleted, ScanTally tally,
      Set<String> decommissioning) {
    for (long handle : file.getChunksList()) {
      ChunkRecord record = namespace.chunk(txn, handle);
      if (record == null || record.getCopyFrom() != 0) {
        continue;  // gone, or a copy-on-write is under way: its replicas are being made
      }
      if (record.getVersion() == 1 && record.getPlacedOnCount() == 0
          && cluster.anyReplicaServers(handle).isEmpty()) {
        continue;  // just added, not placed yet (its first lease creates it)
      }
      if (record.getRefCount() > 1
          && tally.deferShared(handle, record.getVersion(), file.getReplication(), deleted)) {
        continue;
      }
      tally.add(handle, record.getVersion(), file.getReplication(), deleted,
          upToDate(handle, record.getVersion(), decommissioning));
    }
  }

  // ------------------------------------------------------------------ cluster picture

  private List<ServerView> upToDateOf(long handle, Set<String> decommissioning) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      ChunkRecord record = namespace.chunk(txn, handle);
      return record == null ? List.of() : upToDate(handle, record.getVersion(), decommissioning);
    }
  }

  /** Live up-to-date replicas, without those whose deletion was sent. */
  private List<ServerView> upToDate(long handle, long version, Set<String> decommissioning) {
    String deleting = deletions.get(handle);
    if (deleting != null && !cluster.locations().replicas(handle).containsKey(deleting)) {
      deletions.remove(handle);
      deleting = null;
    }
    List<ServerView> result = new ArrayList<>();
    for (ChunkserverInfo server : cluster.upToDateReplicas(handle, version, "")) {
      if (!server.getId().equals(deleting)) {
        ServerView view = view(server.getId(), decommissioning);
        if (view != null) {
          result.add(view);
        }
      }
    }
    return result;
  }

  private ServerView view(String id, Set<String> decommissioning) {
    ChunkserverRegistry.Entry entry = cluster.registry().get(id);
    if (entry == null) {
      return null;
    }
    return new ServerView(id, entry.info().getRack(), decommissioning.contains(id),
        entry.disk().getUsedBytes(), entry.disk().getCapacityBytes(),
        entry.activeRequests() + throttle.involving(id));
  }

  private List<ServerView> liveServers(Set<String> decommissioning) {
    List<ServerView> live = new ArrayList<>();
    for (ChunkserverRegistry.Entry entry : cluster.registry().live()) {
      ServerView view = view(entry.info().getId(), decommissioning);
      if (view != null) {
        live.add(view);
      }
    }
    return live;
  }

  /** Live servers whose disks can take one more chunk. */
  private List<ServerView> cloneTargets(Set<String> decommissioning) {
    List<ServerView> targets = new ArrayList<>();
    for (ServerView server : liveServers(decommissioning)) {
      ChunkserverRegistry.Entry entry = cluster.registry().get(server.id());
      if (entry != null && DiskRoom.hasRoomFor(entry.disk(), chunkSizeBytes)) {
        targets.add(server);
      }
    }
    return targets;
  }

  // ------------------------------------------------------------------ clones

  /**
   * Ends the clones whose target reported the chunk, gives up those whose source or target died
   * (the copy cannot complete) and those past the timeout.
   */
  private void reapClones() {
    for (CloneThrottle.Clone clone : throttle.all()) {
      ChunkLocations.Replica replica = cluster.locations().replicas(clone.handle()).get(clone.target());
      if (!cluster.registry().isLive(clone.source()) || !cluster.registry().isLive(clone.target())) {
        throttle.finish(clone.handle());
        LOG.warn("clone of {} version {} from {} to {} given up: {} is dead", ChunkIds.format(clone.handle()),
            clone.version(), clone.source(), clone.target(),
            cluster.registry().isLive(clone.source()) ? clone.target() : clone.source());
      } else if (replica != null && replica.version() >= clone.version()) {
        throttle.finish(clone.handle());
        LOG.info("{} of {} version {} from {} to {} finished in {} ms", clone.move() ? "move" : "clone",
            ChunkIds.format(clone.handle()), clone.version(), clone.source(), clone.target(),
            (nanoClock.getAsLong() - clone.startedNanos()) / 1_000_000L);
        if (clone.move()) {
          moveSources.mark(clone.handle(), clone.source());
        }
      }
    }
    for (CloneThrottle.Clone clone : throttle.expire()) {
      LOG.warn("clone of {} version {} from {} to {} not reported within {} ms: given up, planned again",
          ChunkIds.format(clone.handle()), clone.version(), clone.source(), clone.target(),
          settings.cloneTimeoutMs());
    }
  }

  private void startClone(ChunkNeed need, Set<String> decommissioning) {
    long handle = need.handle();
    if (throttle.isInFlight(handle)) {
      return;
    }
    List<ServerView> upToDate = upToDate(handle, need.version(), decommissioning);
    int effective = effective(upToDate);
    if (effective >= need.goal()) {
      return;
    }
    Set<String> holders = new HashSet<>(cluster.anyReplicaServers(handle));
    Optional<ClonePlanner.Plan> plan = clonePlanner.plan(upToDate, holders, cloneTargets(decommissioning),
        (source, target) -> throttle.allows(source, target, false));
    if (plan.isEmpty()) {
      return;
    }
    // A copy taken while mutations go on would miss some of them at the same version. The clone
    // is reserved first, which stops new leases (new versions) on the chunk; then the lease in
    // force is revoked, or waited out if its primary is down.
    String source = plan.get().source();
    String target = plan.get().target();
    if (!reserve(handle, need.version(), source, target, false)) {
      return;
    }
    boolean leased = leases.holder(handle) != null;
    if (leased && revokesLeft <= 0) {
      throttle.finish(handle);
      return;  // next scan
    }
    if (leased) {
      revokesLeft--;
    }
    if (!leases.readyForCopy(handle, need.version(), () -> stillShort(handle, need, target, decommissioning))) {
      throttle.finish(handle);
      LOG.debug("{} is under a lease whose primary cannot be reached, past version {}, or no longer short"
          + " of replicas: not cloned now", ChunkIds.format(handle), need.version());
      return;
    }
    if (queue(handle, need.version(), source, target)) {
      LOG.info("clone of {} version {} from {} to {} started ({} of {} replicas{}{})",
          ChunkIds.format(handle), need.version(), source, target, effective,
          need.goal(), need.deleted() ? ", deleted file" : "", need.blocked() ? ", a client waits" : "");
    }
  }

  /** Whether the chunk still has fewer up-to-date replicas than its goal, none of them on target. */
  private boolean stillShort(long handle, ChunkNeed need, String target, Set<String> decommissioning) {
    List<ServerView> upToDate = upToDate(handle, need.version(), decommissioning);
    return effective(upToDate) < need.goal() && upToDate.stream().noneMatch(s -> s.id().equals(target));
  }

  /** Up-to-date replicas that count towards the goal (a draining server's do not). */
  private static int effective(List<ServerView> upToDate) {
    return (int) upToDate.stream().filter(s -> !s.decommissioning()).count();
  }

  /** Records the clone in the throttle when its source is known and it fits the limits. */
  private boolean reserve(long handle, long version, String source, String target, boolean move) {
    return cluster.registry().get(source) != null && throttle.tryStart(handle, version, source, target, move);
  }

  /** Queues the reserved clone's command on its target; ends the reservation when it cannot. */
  private boolean queue(long handle, long version, String source, String target) {
    ChunkserverRegistry.Entry from = cluster.registry().get(source);
    if (from == null) {
      throttle.finish(handle);
      return false;
    }
    ChunkserverCommand command = ChunkserverCommand.newBuilder().setCloneChunk(CloneChunk.newBuilder()
        .setHandle(handle).setVersion(version).setSource(from.info())
        .setBandwidthLimitBytesPerS(settings.cloneBandwidthBytesPerS())).build();
    if (!commands.add(target, command)) {
      throttle.finish(handle);
      LOG.debug("command queue of {} is full: clone of {} waits for the next scan", target, ChunkIds.format(handle));
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ surplus

  private void deleteSurplus(ChunkNeed need, Set<String> decommissioning) {
    long handle = need.handle();
    if (throttle.isInFlight(handle) || deletions.get(handle) != null) {
      return;
    }
    List<ServerView> effective = new ArrayList<>();
    for (ServerView replica : upToDate(handle, need.version(), decommissioning)) {
      if (!replica.decommissioning()) {
        effective.add(replica);
      }
    }
    if (effective.size() <= need.goal()) {
      return;
    }
    String victim = SurplusChoice.victim(effective, leases.holder(handle), moveSources.get(handle));
    if (victim == null || !deletions.mark(handle, victim)) {
      return;
    }
    ChunkserverCommand command = ChunkserverCommand.newBuilder()
        .setDeleteChunks(DeleteChunks.newBuilder().addHandles(handle)).build();
    if (!commands.add(victim, command)) {
      deletions.remove(handle);
      return;
    }
    moveSources.remove(handle);
    LOG.info("surplus replica of {} on {} deleted ({} replicas, goal {})", ChunkIds.format(handle), victim,
        effective.size(), need.goal());
  }

  // ------------------------------------------------------------------ rebalancing

  private boolean rebalanceDue() {
    long intervalMs = settings.rebalanceIntervalMs();
    boolean requested = rebalanceRequested;
    if (intervalMs <= 0
        || (!requested && nanoClock.getAsLong() - lastRebalanceNanos < intervalMs * 1_000_000L)) {
      return false;
    }
    rebalanceRequested = false;
    lastRebalanceNanos = nanoClock.getAsLong();
    lastRebalanceAtMs = System.currentTimeMillis();
    return true;
  }

  /** Moves planned on chunk bytes as they will be once the moves and deletions under way are done. */
  private List<RebalancePlanner.Move> planMoves(Set<String> decommissioning) {
    Map<Long, String> pendingSources = moveSources.snapshot();
    Map<Long, String> pendingDeletions = deletions.snapshot();
    List<CloneThrottle.Clone> clones = throttle.all();
    List<RebalancePlanner.Usage> usage = new ArrayList<>();
    for (ServerView server : liveServers(decommissioning)) {
      if (server.decommissioning()) {
        continue;
      }
      long projected = server.usedBytes();
      for (CloneThrottle.Clone clone : clones) {
        if (clone.target().equals(server.id())) {
          projected += chunkSizeBytes;
        } else if (clone.move() && clone.source().equals(server.id())) {
          projected -= chunkSizeBytes;
        }
      }
      projected -= chunkSizeBytes * pendingSources.values().stream().filter(server.id()::equals).count();
      projected -= chunkSizeBytes * pendingDeletions.values().stream().filter(server.id()::equals).count();
      usage.add(new RebalancePlanner.Usage(server.id(), Math.max(0, projected), throttle.movesInto(server.id())));
    }
    return rebalancePlanner.plan(usage, chunkSizeBytes);
  }

  private void startMoves(List<RebalancePlanner.Move> moves, ScanTally.Report report,
      Set<String> decommissioning) {
    Set<Long> taken = new HashSet<>();
    for (RebalancePlanner.Move move : moves) {
      ChunkserverRegistry.Entry to = cluster.registry().get(move.to());
      if (to == null) {
        continue;
      }
      for (ChunkNeed candidate : report.moveCandidates().getOrDefault(move.from(), List.of())) {
        if (taken.contains(candidate.handle()) || !movable(candidate, move, to.info().getRack(), decommissioning)) {
          continue;
        }
        if (reserve(candidate.handle(), candidate.version(), move.from(), move.to(), true)
            && queue(candidate.handle(), candidate.version(), move.from(), move.to())) {
          taken.add(candidate.handle());
          LOG.info("rebalance: move of {} version {} from {} to {} started", ChunkIds.format(candidate.handle()),
              candidate.version(), move.from(), move.to());
        }
        break;
      }
    }
  }

  /** The chunk is at its goal, unleased, not on the receiver, and the move keeps its rack spread. */
  private boolean movable(ChunkNeed chunk, RebalancePlanner.Move move, String toRack, Set<String> decommissioning) {
    long handle = chunk.handle();
    if (throttle.isInFlight(handle) || deletions.get(handle) != null || moveSources.get(handle) != null
        || leases.holder(handle) != null || cluster.locations().replicas(handle).containsKey(move.to())) {
      return false;
    }
    Set<String> racksBefore = new HashSet<>();
    Set<String> racksAfter = new HashSet<>();
    racksAfter.add(toRack);
    boolean donorHolds = false;
    int effective = 0;
    for (ServerView replica : upToDate(handle, chunk.version(), decommissioning)) {
      if (replica.decommissioning()) {
        continue;
      }
      effective++;
      racksBefore.add(replica.rack());
      if (replica.id().equals(move.from())) {
        donorHolds = true;
      } else {
        racksAfter.add(replica.rack());
      }
    }
    return donorHolds && effective == chunk.goal() && racksAfter.size() >= Math.min(2, racksBefore.size());
  }

  private static void logChange(ScanTally.Report before, ScanTally.Report after) {
    if (before.underReplicated() != after.underReplicated() || before.missing() != after.missing()
        || before.overReplicated() != after.overReplicated()) {
      LOG.info("replication: {} chunks under-replicated, {} missing, {} over-replicated",
          after.underReplicated(), after.missing(), after.overReplicated());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
