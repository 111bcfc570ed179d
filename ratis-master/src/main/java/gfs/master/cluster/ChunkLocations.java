package gfs.master.cluster;

import gfs.proto.ChunkReport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which chunkserver holds which chunk at which version and length: soft state learnt from
 * chunk reports, never persisted (GFS section 2.6.2). Whether a replica is up to date is
 * decided by comparing its version with the chunk's version in the namespace store.
 */
public final class ChunkLocations {
  /** One replica as its chunkserver last reported it. */
  public record Replica(String serverId, long version, long lengthBytes, boolean corrupt) {}

  /**
   * Longer than any chunk report can be in flight (each is sent with the RPC timeout): a full
   * report received this soon after a grant the server accepted may have been built before it.
   */
  static final long GRANT_GRACE_NANOS = 10_000_000_000L;

  private final Map<Long, Map<String, Replica>> byHandle = new ConcurrentHashMap<>();
  private final Map<String, Set<Long>> byServer = new ConcurrentHashMap<>();
  /** serverId -> handle -> when this master recorded a version the server accepted (young ones only). */
  private final Map<String, Map<Long, Long>> grantedAtNanos = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  public ChunkLocations() {
    this(System::nanoTime);
  }

  public ChunkLocations(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * A full report: the server holds exactly these chunks. Except for replicas whose version this
   * master recorded from a grant within {@link #GRANT_GRACE_NANOS}: the report may have been
   * built before the grant, and dropping or lowering them would make a new chunk look
   * under-replicated (its lease was then revoked to clone it while its first write went on).
   * A replica really lost is dropped by the server's next report.
   */
  public void replaceAll(String serverId, List<ChunkReport> reports) {
    Map<Long, Long> young = youngGrants(serverId);
    Set<Long> previous = byServer.getOrDefault(serverId, Set.of());
    Set<Long> current = new HashSet<>();
    for (ChunkReport report : reports) {
      current.add(report.getHandle());
      put(serverId, report, young.containsKey(report.getHandle()));
    }
    for (Long handle : previous) {
      if (!current.contains(handle) && !young.containsKey(handle)) {
        remove(serverId, handle);
      }
    }
  }

  /** The server's grants still within the grace, forgetting the older ones. */
  private Map<Long, Long> youngGrants(String serverId) {
    Map<Long, Long> grants = grantedAtNanos.get(serverId);
    if (grants == null) {
      return Map.of();
    }
    long now = nanoClock.getAsLong();
    grants.values().removeIf(at -> now - at >= GRANT_GRACE_NANOS);
    return grants;
  }

  /** An incremental report; versions never go down through it (a late report is ignored). */
  public void update(String serverId, List<ChunkReport> changed, List<Long> removed) {
    for (ChunkReport report : changed) {
      put(serverId, report, true);
    }
    for (Long handle : removed) {
      remove(serverId, handle);
    }
  }

  /** Records that a replica now has a version, e.g. right after a lease grant it accepted. */
  public void recordVersion(String serverId, long handle, long version, long lengthBytes) {
    put(serverId, ChunkReport.newBuilder().setHandle(handle).setVersion(version)
        .setLength(lengthBytes).build(), true);
    youngGrants(serverId);  // forgets the old ones: the map holds about one grace's grants
    grantedAtNanos.computeIfAbsent(serverId, s -> new ConcurrentHashMap<>()).put(handle, nanoClock.getAsLong());
  }

  private void put(String serverId, ChunkReport report, boolean keepHigherVersion) {
    Map<String, Replica> replicas = byHandle.computeIfAbsent(report.getHandle(),
        h -> new ConcurrentHashMap<>());
    replicas.compute(serverId, (id, old) -> {
      if (keepHigherVersion && old != null && old.version() > report.getVersion()) {
        return old;
      }
      return new Replica(serverId, report.getVersion(), report.getLength(), report.getCorrupt());
    });
    byServer.computeIfAbsent(serverId, s -> ConcurrentHashMap.newKeySet()).add(report.getHandle());
  }

  public void remove(String serverId, long handle) {
    Map<String, Replica> replicas = byHandle.get(handle);
    if (replicas != null) {
      replicas.remove(serverId);
      if (replicas.isEmpty()) {
        byHandle.remove(handle, replicas);
      }
    }
    Set<Long> handles = byServer.get(serverId);
    if (handles != null) {
      handles.remove(handle);
    }
    Map<Long, Long> grants = grantedAtNanos.get(serverId);
    if (grants != null) {
      grants.remove(handle);
    }
  }

  public Map<String, Replica> replicas(long handle) {
    return byHandle.getOrDefault(handle, Map.of());
  }

  /** Servers that reported chunks, a copy (for scans that judge each server's replicas). */
  public Set<String> servers() {
    return Set.copyOf(byServer.keySet());
  }

  /** The chunks serverId reported (a copy). */
  public Set<Long> handles(String serverId) {
    return new HashSet<>(byServer.getOrDefault(serverId, Set.of()));
  }

  public int chunkCount(String serverId) {
    return byServer.getOrDefault(serverId, Set.of()).size();
  }
}
