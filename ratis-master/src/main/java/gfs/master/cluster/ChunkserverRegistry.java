package gfs.master.cluster;

import gfs.proto.ChunkserverInfo;
import gfs.proto.DiskUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunkservers this master has heard from (soft state, never persisted): address, rack,
 * disk use, load and the time of the last heartbeat. A chunkserver silent for longer than
 * deadAfterMs is dead until it heartbeats again.
 */
public final class ChunkserverRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkserverRegistry.class);

  /** What is known of one chunkserver; replaced whole on every heartbeat. */
  public record Entry(ChunkserverInfo info, DiskUsage disk, int activeRequests,
      long lastHeartbeatNanos, String metricsAddress, long chunkCount) {}

  private final Map<String, Entry> servers = new ConcurrentHashMap<>();
  private final Map<String, Boolean> announcedDead = new ConcurrentHashMap<>();
  private final long deadAfterNanos;
  private final LongSupplier nanoClock;

  public ChunkserverRegistry(long deadAfterMs, LongSupplier nanoClock) {
    this.deadAfterNanos = deadAfterMs * 1_000_000L;
    this.nanoClock = nanoClock;
  }

  public void heartbeat(ChunkserverInfo info, DiskUsage disk, int activeRequests,
      String metricsAddress, long chunkCount) {
    Entry previous = servers.put(info.getId(), new Entry(info, disk, activeRequests,
        nanoClock.getAsLong(), metricsAddress, chunkCount));
    if (previous == null) {
      LOG.info("chunkserver {} at {}:{} (rack {}) registered", info.getId(), info.getHost(),
          info.getPort(), info.getRack());
    } else if (announcedDead.remove(info.getId()) != null) {
      LOG.info("chunkserver {} is live again", info.getId());
    }
  }

  public boolean isLive(String id) {
    Entry entry = servers.get(id);
    return entry != null && nanoClock.getAsLong() - entry.lastHeartbeatNanos() < deadAfterNanos;
  }

  public Entry get(String id) {
    return servers.get(id);
  }

  public Collection<Entry> all() {
    return servers.values();
  }

  public List<Entry> live() {
    List<Entry> result = new ArrayList<>();
    for (Entry entry : servers.values()) {
      if (isLive(entry.info().getId())) {
        result.add(entry);
      } else if (announcedDead.putIfAbsent(entry.info().getId(), Boolean.TRUE) == null) {
        LOG.warn("chunkserver {} is dead: no heartbeat for {} ms", entry.info().getId(),
            ageMs(entry));
      }
    }
    return result;
  }

  public long ageMs(Entry entry) {
    return (nanoClock.getAsLong() - entry.lastHeartbeatNanos()) / 1_000_000L;
  }
}
