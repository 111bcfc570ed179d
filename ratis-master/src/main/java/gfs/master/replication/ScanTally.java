package gfs.master.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Adds up one namespace scan, chunk by chunk: the counts cluster status shows, the replicas
 * each decommissioning server still has to hand over, and the chunks that need work. Memory is
 * bounded whatever the namespace size: at most maxWork chunks are kept (the most urgent), at
 * most maxMoveCandidates per rebalancing donor, at most maxShared chunks shared by snapshots.
 */
public final class ScanTally {
  /** One finished scan. */
  public record Report(long underReplicated, long missing, long overReplicated,
      Map<String, Long> toDrain, Set<String> decommissioning, List<ChunkNeed> work,
      Map<String, List<ChunkNeed>> moveCandidates, long finishedAtMs) {

    public static final Report EMPTY = new Report(0, 0, 0, Map.of(), Set.of(), List.of(), Map.of(), 0);

    /** Replicas on a decommissioning server whose chunk has fewer than its goal elsewhere; -1 before a scan saw it. */
    public long toDrain(String serverId) {
      return decommissioning.contains(serverId) ? toDrain.getOrDefault(serverId, 0L) : -1;
    }
  }

  private record Shared(long version, int goal, boolean deleted) {}

  private final Set<String> decommissioning;
  private final Set<Long> blocked;
  private final Set<String> donors;
  private final int maxWork;
  private final int maxMoveCandidates;
  private final int maxShared;
  private final PriorityQueue<ChunkNeed> work;
  private final Map<String, Long> toDrain = new HashMap<>();
  private final Map<String, List<ChunkNeed>> moveCandidates = new HashMap<>();
  private final Map<Long, Shared> shared = new HashMap<>();
  private long under;
  private long missing;
  private long over;

  public ScanTally(Set<String> decommissioning, Set<Long> blocked, Set<String> donors, int maxWork,
      int maxMoveCandidates, int maxShared) {
    this.decommissioning = Set.copyOf(decommissioning);
    this.blocked = Set.copyOf(blocked);
    this.donors = Set.copyOf(donors);
    this.maxWork = maxWork;
    this.maxMoveCandidates = maxMoveCandidates;
    this.maxShared = maxShared;
    // Least urgent at the head, so that it is the one dropped when the bound is reached.
    this.work = new PriorityQueue<>(ReplicationPriority.ORDER.reversed());
  }

  /**
   * A chunk shared by several files (after a snapshot): its goal is the largest of theirs, so
   * it is judged once all of them were seen. False when too many are pending: judge it now.
   */
  public boolean deferShared(long handle, long version, int goal, boolean deleted) {
    Shared previous = shared.get(handle);
    if (previous == null && shared.size() >= maxShared) {
      return false;
    }
    shared.put(handle, previous == null ? new Shared(version, goal, deleted)
        : new Shared(version, Math.max(goal, previous.goal()), deleted && previous.deleted()));
    return true;
  }

  /** One chunk, with its live up-to-date replicas (decommissioning ones included). */
  public void add(long handle, long version, int goal, boolean deleted, List<ServerView> upToDate) {
    int effective = 0;
    for (ServerView replica : upToDate) {
      if (!replica.decommissioning()) {
        effective++;
      }
    }
    if (upToDate.isEmpty()) {
      missing++;
    }
    ChunkNeed need = new ChunkNeed(handle, version, goal, effective, deleted, blocked.contains(handle));
    if (need.underReplicated()) {
      under++;
      for (ServerView replica : upToDate) {
        if (replica.decommissioning()) {
          toDrain.merge(replica.id(), 1L, Long::sum);
        }
      }
      if (!upToDate.isEmpty()) {
        keep(need);
      }
    } else if (need.overReplicated()) {
      over++;
      keep(need);
    } else {
      for (ServerView replica : upToDate) {
        if (donors.contains(replica.id()) && !replica.decommissioning()) {
          List<ChunkNeed> list = moveCandidates.computeIfAbsent(replica.id(), id -> new ArrayList<>());
          if (list.size() < maxMoveCandidates) {
            list.add(need);
          }
        }
      }
    }
  }

  private void keep(ChunkNeed need) {
    work.add(need);
    if (work.size() > maxWork) {
      work.poll();
    }
  }

  /** Judges the deferred shared chunks and returns the report. */
  public Report finish(LongFunction<List<ServerView>> upToDateOf, long nowMs) {
    for (Map.Entry<Long, Shared> entry : shared.entrySet()) {
      Shared s = entry.getValue();
      add(entry.getKey(), s.version(), s.goal(), s.deleted(), upToDateOf.apply(entry.getKey()));
    }
    shared.clear();
    List<ChunkNeed> ordered = new ArrayList<>(work);
    ordered.sort(ReplicationPriority.ORDER);
    return new Report(under, missing, over, Map.copyOf(toDrain), decommissioning, ordered,
        Map.copyOf(moveCandidates), nowMs);
  }
}
