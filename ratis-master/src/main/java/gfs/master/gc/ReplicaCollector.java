package gfs.master.gc;

import gfs.master.cluster.ClusterState;
import gfs.master.cluster.CommandQueue;
import gfs.master.namespace.ChunkIds;
import gfs.master.namespace.Namespace;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkserverCommand;
import gfs.proto.DeleteChunks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells chunkservers to delete orphaned, stale and corrupt replicas (GFS 4.4, 4.5, 5.2): the
 * deletes ride on heartbeat replies through the leader's {@link CommandQueue}. Runs on the
 * leader only, called by {@link GarbageCollector}; the decisions are {@link ReplicaSweep}'s.
 */
public final class ReplicaCollector {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaCollector.class);
  /** Handles per DeleteChunks command. */
  static final int MAX_HANDLES_PER_COMMAND = 1_000;
  /** Remembered deletes at most; beyond it a replica may be named twice (harmless). */
  static final int MAX_REMEMBERED_DELETES = 100_000;

  /** Why a replica was named. */
  public enum Kind { ORPHAN, STALE, CORRUPT }

  /**
   * What the collector has waiting and has done since it was last reset (this leader's term).
   *
   * @param pendingOrphans deletes of orphaned replicas sent and not yet reported done
   * @param deletedReplicas deletes reported done (the server no longer reports the replica)
   * @param reclaimedBytes what those replicas held, as their servers last reported
   */
  public record Stats(long pendingOrphans, long pendingStale, long pendingCorrupt,
      long deletedReplicas, long reclaimedBytes) {}

  private record Replica(String serverId, long handle) {}

  private record Queued(long atMs, Kind kind, long bytes) {}

  private final MasterStore store;
  private final Namespace namespace;
  private final ClusterState cluster;
  private final CommandQueue commands;
  private final ReplicaSweep sweep;
  private final long requeueAfterMs;
  /** Deletes queued and not yet seen done: not queued again before requeueAfterMs. */
  private final Map<Replica, Queued> queued = new HashMap<>();
  private long deletedReplicas;
  private long reclaimedBytes;

  /**
   * @param staleGraceMs how long a replica must look stale before it is deleted
   * @param requeueAfterMs how long a queued delete is given to be carried out and reported
   *     before the same replica is named again
   */
  public ReplicaCollector(MasterStore store, Namespace namespace, ClusterState cluster,
      CommandQueue commands, long staleGraceMs, long requeueAfterMs) {
    this.store = store;
    this.namespace = namespace;
    this.cluster = cluster;
    this.commands = commands;
    this.sweep = new ReplicaSweep(staleGraceMs);
    this.requeueAfterMs = requeueAfterMs;
  }

  /** Plans and queues the deletes; returns how many replicas were named. */
  public synchronized int collect(long nowMs) {
    ReplicaSweep.Plan plan;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      long nextHandle = namespace.meta(txn).getNextChunkHandle();
      plan = sweep.plan(cluster, handle -> namespace.chunk(txn, handle), nextHandle, nowMs);
    }
    settle(nowMs);
    int named = 0;
    for (String serverId : union(plan)) {
      List<Long> orphans = fresh(serverId, plan.orphans().getOrDefault(serverId, List.of()));
      List<Long> stale = fresh(serverId, plan.stale().getOrDefault(serverId, List.of()));
      List<Long> corrupt = fresh(serverId, plan.corrupt().getOrDefault(serverId, List.of()));
      int count = queue(serverId, orphans, Kind.ORPHAN, nowMs) + queue(serverId, stale, Kind.STALE, nowMs)
          + queue(serverId, corrupt, Kind.CORRUPT, nowMs);
      if (count > 0) {
        LOG.info("gc: chunkserver {} told to delete {} orphaned, {} stale and {} corrupt replicas{}",
            serverId, orphans.size(), stale.size(), corrupt.size(), describe(orphans, stale, corrupt));
      }
      named += count;
    }
    return named;
  }

  /**
   * Counts the queued deletes whose replica its server no longer reports as done, and forgets
   * those given requeueAfterMs without being done (the replica is named again if still there).
   */
  private void settle(long nowMs) {
    for (var it = queued.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Replica, Queued> entry = it.next();
      Replica replica = entry.getKey();
      if (!cluster.locations().replicas(replica.handle()).containsKey(replica.serverId())) {
        deletedReplicas++;
        reclaimedBytes += entry.getValue().bytes();
        it.remove();
      } else if (nowMs - entry.getValue().atMs() >= requeueAfterMs) {
        it.remove();
      }
    }
  }

  /** Pending deletes by kind and what was reclaimed since the last reset. */
  public synchronized Stats stats() {
    long[] pending = new long[Kind.values().length];
    queued.values().forEach(q -> pending[q.kind().ordinal()]++);
    return new Stats(pending[Kind.ORPHAN.ordinal()], pending[Kind.STALE.ordinal()],
        pending[Kind.CORRUPT.ordinal()], deletedReplicas, reclaimedBytes);
  }

  /** Forgets earlier sightings and counts, e.g. when this master stops leading. */
  public synchronized void reset() {
    sweep.reset();
    queued.clear();
    deletedReplicas = 0;
    reclaimedBytes = 0;
  }

  private List<Long> fresh(String serverId, List<Long> handles) {
    return handles.stream().filter(h -> !queued.containsKey(new Replica(serverId, h))).toList();
  }

  /** Queues deletes of handles on serverId; returns how many were queued. */
  private int queue(String serverId, List<Long> handles, Kind kind, long nowMs) {
    int count = 0;
    for (int from = 0; from < handles.size(); from += MAX_HANDLES_PER_COMMAND) {
      List<Long> batch = handles.subList(from, Math.min(handles.size(), from + MAX_HANDLES_PER_COMMAND));
      ChunkserverCommand command = ChunkserverCommand.newBuilder()
          .setDeleteChunks(DeleteChunks.newBuilder().addAllHandles(batch)).build();
      if (!commands.add(serverId, command)) {
        LOG.debug("gc: command queue of {} is full; {} deletes wait for the next scan", serverId,
            handles.size() - from);
        break;
      }
      for (long handle : batch) {
        if (queued.size() < MAX_REMEMBERED_DELETES) {
          var replica = cluster.locations().replicas(handle).get(serverId);
          queued.put(new Replica(serverId, handle), new Queued(nowMs, kind,
              replica == null ? 0 : replica.lengthBytes()));
        }
      }
      count += batch.size();
    }
    return count;
  }

  private static Set<String> union(ReplicaSweep.Plan plan) {
    Set<String> servers = new TreeSet<>(plan.orphans().keySet());
    servers.addAll(plan.stale().keySet());
    servers.addAll(plan.corrupt().keySet());
    return servers;
  }

  /** The first few chunks named, for the log. */
  private static String describe(List<Long> orphans, List<Long> stale, List<Long> corrupt) {
    List<String> named = new ArrayList<>();
    orphans.forEach(h -> named.add(ChunkIds.format(h)));
    stale.forEach(h -> named.add(ChunkIds.format(h) + " stale"));
    corrupt.forEach(h -> named.add(ChunkIds.format(h) + " corrupt"));
    int shown = Math.min(5, named.size());
    return " (" + String.join(", ", named.subList(0, shown)) + (named.size() > shown ? ", ...)" : ")");
  }
}
