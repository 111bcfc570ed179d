package gfs.master.cluster;

import gfs.proto.ChunkserverInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The soft picture of the cluster a master builds from chunkserver reports: which servers
 * are live and which of them hold an up-to-date replica of a chunk.
 */
public final class ClusterState {
  private final ChunkserverRegistry registry;
  private final ChunkLocations locations;

  public ClusterState(ChunkserverRegistry registry, ChunkLocations locations) {
    this.registry = registry;
    this.locations = locations;
  }

  public ChunkserverRegistry registry() {
    return registry;
  }

  public ChunkLocations locations() {
    return locations;
  }

  /**
   * Live, uncorrupted replicas at exactly version, closest to clientHost first, then least
   * loaded. Replicas at other versions are stale (older) or ahead of a grant still being
   * logged (newer), and are never handed out.
   */
  public List<ChunkserverInfo> upToDateReplicas(long handle, long version, String clientHost) {
    List<ChunkserverRegistry.Entry> result = new ArrayList<>();
    for (ChunkLocations.Replica replica : locations.replicas(handle).values()) {
      if (replica.version() != version || replica.corrupt() || !registry.isLive(replica.serverId())) {
        continue;
      }
      ChunkserverRegistry.Entry entry = registry.get(replica.serverId());
      if (entry != null) {
        result.add(entry);
      }
    }
    result.sort(Comparator
        .comparing((ChunkserverRegistry.Entry e) -> !e.info().getHost().equals(clientHost))
        .thenComparingInt(ChunkserverRegistry.Entry::activeRequests)
        .thenComparing(e -> e.info().getId()));
    return result.stream().map(ChunkserverRegistry.Entry::info).toList();
  }

  /** Largest length any up-to-date replica reported for the chunk. */
  public long lengthHint(long handle, long version) {
    return locations.replicas(handle).values().stream().filter(r -> r.version() == version)
        .mapToLong(ChunkLocations.Replica::lengthBytes).max().orElse(0);
  }

  /** Largest length any replica, at any version, reported for the chunk. */
  public long longestReplica(long handle) {
    return locations.replicas(handle).values().stream()
        .mapToLong(ChunkLocations.Replica::lengthBytes).max().orElse(0);
  }

  /** Every server a replica of the chunk was reported on, at any version, live or not. */
  public List<String> anyReplicaServers(long handle) {
    return new ArrayList<>(locations.replicas(handle).keySet());
  }
}
