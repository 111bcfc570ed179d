package gfs.master.gc;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ClusterState;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Judges every replica the live chunkservers reported and plans which to delete, per server.
 * Decisions only: the caller queues the deletes. A replica must look stale for staleGraceMs
 * before it is planned for deletion, because right after a version bump the replicas learn the
 * new version one by one (the lease grant RPCs are in flight) and a replica the grant has not
 * reached yet is not stale.
 */
public final class ReplicaSweep {
  /** Replicas to delete, by chunkserver id, handles ascending. */
  public record Plan(Map<String, List<Long>> orphans, Map<String, List<Long>> stale,
      Map<String, List<Long>> corrupt) {
    public boolean isEmpty() {
      return orphans.isEmpty() && stale.isEmpty() && corrupt.isEmpty();
    }
  }

  private record Sighting(String serverId, long handle, long version) {}

  private final long staleGraceMs;
  /** When each stale replica was first seen stale; only replicas stale in the last sweep stay. */
  private Map<Sighting, Long> staleSinceMs = new HashMap<>();

  public ReplicaSweep(long staleGraceMs) {
    this.staleGraceMs = staleGraceMs;
  }

  /**
   * @param records the chunk record of a handle in the namespace, or null
   * @param nextChunkHandle the namespace's next unallocated handle
   */
  public Plan plan(ClusterState cluster, LongFunction<ChunkRecord> records, long nextChunkHandle, long nowMs) {
    Map<String, List<Long>> orphans = new TreeMap<>();
    Map<String, List<Long>> stale = new TreeMap<>();
    Map<String, List<Long>> corrupt = new TreeMap<>();
    Map<Sighting, Long> stillStale = new HashMap<>();
    ChunkLocations locations = cluster.locations();
    for (String serverId : locations.servers()) {
      if (!cluster.registry().isLive(serverId)) {
        continue; // its deletes could not be delivered; it is judged again when it is back
      }
      for (long handle : new TreeSet<>(locations.handles(serverId))) {
        ChunkLocations.Replica replica = locations.replicas(handle).get(serverId);
        if (replica == null) {
          continue;
        }
        ChunkRecord record = records.apply(handle);
        int elsewhere = record == null ? 0 : upToDateElsewhere(cluster, handle, record.getVersion(), serverId);
        switch (ReplicaVerdict.judge(handle, replica.version(), replica.corrupt(), record,
            nextChunkHandle, elsewhere)) {
          case ORPHAN -> orphans.computeIfAbsent(serverId, s -> new ArrayList<>()).add(handle);
          case CORRUPT -> corrupt.computeIfAbsent(serverId, s -> new ArrayList<>()).add(handle);
          case STALE -> {
            Sighting sighting = new Sighting(serverId, handle, replica.version());
            long since = staleSinceMs.getOrDefault(sighting, nowMs);
            stillStale.put(sighting, since);
            if (nowMs - since >= staleGraceMs) {
              stale.computeIfAbsent(serverId, s -> new ArrayList<>()).add(handle);
            }
          }
          case KEEP -> { }
        }
      }
    }
    staleSinceMs = stillStale;
    return new Plan(orphans, stale, corrupt);
  }

  /** Forgets what earlier sweeps saw, e.g. when this master stops leading. */
  public void reset() {
    staleSinceMs = new HashMap<>();
  }

  private static int upToDateElsewhere(ClusterState cluster, long handle, long version, String serverId) {
    Set<String> servers = new HashSet<>();
    for (ChunkserverInfo info : cluster.upToDateReplicas(handle, version, "")) {
      servers.add(info.getId());
    }
    servers.remove(serverId);
    return servers.size();
  }
}
