package gfs.master.cluster;

import gfs.proto.ChunkserverInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The soft picture of the cluster a master builds from chunkserver reports: which servers
 * are live and which of them hold an up-to-date replica of a chunk; plus which servers are
 * being decommissioned (from the store) and which chunks clients found short of replicas.
 */
public final class ClusterState {
  /** Bound on remembered blocked chunks between two replication scans. */
  static final int MAX_BLOCKED = 10_000;

  private final ChunkserverRegistry registry;
  private final ChunkLocations locations;
  private final Supplier<Set<String>> decommissioning;
  private final Set<Long> blocked = ConcurrentHashMap.newKeySet();

  public ClusterState(ChunkserverRegistry registry, ChunkLocations locations) {
    this(registry, locations, Set::of);
  }

  /** decommissioning: the ids being decommissioned now, as the namespace store records them. */
  public ClusterState(ChunkserverRegistry registry, ChunkLocations locations,
      Supplier<Set<String>> decommissioning) {
    this.registry = registry;
    this.locations = locations;
    this.decommissioning = decommissioning;
  }

  /** Chunkservers being decommissioned: no new replicas go to them. */
  public Set<String> decommissioning() {
    return decommissioning.get();
  }

  /** A client asked for a chunk with fewer up-to-date replicas than its goal: re-replicate it first. */
  public void clientBlockedOn(long handle) {
    if (blocked.size() < MAX_BLOCKED) {
      blocked.add(handle);
    }
  }

  /** The chunks clients were blocked on since the last call. */
  public Set<Long> takeBlocked() {
    Set<Long> taken = new HashSet<>();
    for (Long handle : blocked) {
      if (blocked.remove(handle)) {
        taken.add(handle);
      }
    }
    return taken;
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

  /**
   * True when a replica reported at exactly version sits on a chunkserver that is not live. A
   * lease at that version must not be handed out without it: writes would reach the others
   * only, and the server would come back at the same version without them. A new version
   * leaves it stale instead.
   */
  public boolean hasUnreachableReplicaAt(long handle, long version) {
    for (ChunkLocations.Replica replica : locations.replicas(handle).values()) {
      if (replica.version() == version && !registry.isLive(replica.serverId())) {
        return true;
      }
    }
    return false;
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
