package gfs.master.config;

import gfs.common.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a master process is configured with, typed, with units in the names.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>master.id</td><td>master-1</td><td>this peer's id; must appear in master.peers</td></tr>
 *   <tr><td>master.host</td><td>127.0.0.1</td><td>address the service and Raft ports bind to</td></tr>
 *   <tr><td>master.port</td><td>7100</td><td>service port: clients, chunkservers, admin</td></tr>
 *   <tr><td>master.raft.port</td><td>7200</td><td>Raft port (peer replication)</td></tr>
 *   <tr><td>master.peers</td><td>this peer alone</td><td>id=host:raftPort:servicePort,... every voting peer</td></tr>
 *   <tr><td>master.shadows</td><td>none</td><td>id=host:raftPort:servicePort,... read-only shadows (Raft listeners)</td></tr>
 *   <tr><td>master.data.dir</td><td>./master-data</td><td>Raft log and the LMDB namespace store</td></tr>
 *   <tr><td>master.store.max.bytes</td><td>8GB</td><td>LMDB map size (address space, not disk)</td></tr>
 *   <tr><td>chunk.size</td><td>64MB</td><td>bytes per chunk</td></tr>
 *   <tr><td>replication.default</td><td>3</td><td>replicas of a new file's chunks</td></tr>
 *   <tr><td>lease.duration.ms</td><td>60000</td><td>primary lease length</td></tr>
 *   <tr><td>chunkserver.dead.after.ms</td><td>10000</td><td>heartbeat silence after which a chunkserver is dead</td></tr>
 *   <tr><td>heartbeat.interval.ms</td><td>1000</td><td>interval the master asks chunkservers to heartbeat at</td></tr>
 *   <tr><td>rpc.timeout.ms</td><td>5000</td><td>deadline of the master's own calls (to chunkservers, Raft submit)</td></tr>
 *   <tr><td>raft.election.timeout.min.ms</td><td>300</td><td>Raft election timeout, lower bound</td></tr>
 *   <tr><td>raft.election.timeout.max.ms</td><td>600</td><td>Raft election timeout, upper bound</td></tr>
 *   <tr><td>master.raft.segment.bytes</td><td>8MB</td><td>Raft log segment size; whole segments are purged behind checkpoints</td></tr>
 *   <tr><td>master.checkpoint.interval.entries</td><td>100000</td><td>log entries between automatic checkpoints (a restart replays at most this many)</td></tr>
 *   <tr><td>master.metrics.port</td><td>7180</td><td>HTTP port of the Prometheus endpoint (/metrics) on master.host; 0 = any free port, -1 = none</td></tr>
 *   <tr><td>rpc.log.enabled</td><td>false</td><td>write the RPC log from the start (switchable at run time on the metrics port)</td></tr>
 * </table>
 *
 * <p>The leader's background chunk management is configured by {@link ChunkManagementConfig}.
 */
public record MasterConfig(
    String id,
    String host,
    int servicePort,
    int raftPort,
    List<Peer> peers,
    List<Peer> shadows,
    Path dataDir,
    long storeMaxBytes,
    long chunkSizeBytes,
    int defaultReplication,
    long leaseDurationMs,
    long chunkserverDeadAfterMs,
    long heartbeatIntervalMs,
    long rpcTimeoutMs,
    long electionTimeoutMinMs,
    long electionTimeoutMaxMs,
    long checkpointIntervalEntries,
    long raftSegmentBytes,
    ChunkManagementConfig chunkManagement,
    Monitoring monitoring) {

  /** The metrics endpoint's port (-1 = none, 0 = any free port) and whether the RPC log starts on. */
  public record Monitoring(int metricsPort, boolean rpcLogEnabled) {
    /** No metrics endpoint: what in-process test masters get unless they ask. */
    public static final Monitoring NONE = new Monitoring(-1, false);

    public Monitoring {
      if (metricsPort < -1 || metricsPort > 65535) {
        throw new IllegalArgumentException("master.metrics.port=" + metricsPort
            + " is out of range (-1 = no metrics endpoint, 0 = any free port)");
      }
    }
  }

  public static final long DEFAULT_CHECKPOINT_INTERVAL_ENTRIES = 100_000;
  public static final long DEFAULT_RAFT_SEGMENT_BYTES = 8L << 20;

  /** All settings but the checkpoint interval, which takes its default. */
  public MasterConfig(String id, String host, int servicePort, int raftPort, List<Peer> peers,
      List<Peer> shadows, Path dataDir, long storeMaxBytes, long chunkSizeBytes, int defaultReplication,
      long leaseDurationMs, long chunkserverDeadAfterMs, long heartbeatIntervalMs, long rpcTimeoutMs,
      long electionTimeoutMinMs, long electionTimeoutMaxMs) {
    this(id, host, servicePort, raftPort, peers, shadows, dataDir, storeMaxBytes, chunkSizeBytes,
        defaultReplication, leaseDurationMs, chunkserverDeadAfterMs, heartbeatIntervalMs, rpcTimeoutMs,
        electionTimeoutMinMs, electionTimeoutMaxMs, DEFAULT_CHECKPOINT_INTERVAL_ENTRIES,
        DEFAULT_RAFT_SEGMENT_BYTES);
  }

  /** All settings but the chunk management ones, which take their defaults. */
  public MasterConfig(String id, String host, int servicePort, int raftPort, List<Peer> peers,
      List<Peer> shadows, Path dataDir, long storeMaxBytes, long chunkSizeBytes, int defaultReplication,
      long leaseDurationMs, long chunkserverDeadAfterMs, long heartbeatIntervalMs, long rpcTimeoutMs,
      long electionTimeoutMinMs, long electionTimeoutMaxMs, long checkpointIntervalEntries,
      long raftSegmentBytes) {
    this(id, host, servicePort, raftPort, peers, shadows, dataDir, storeMaxBytes, chunkSizeBytes,
        defaultReplication, leaseDurationMs, chunkserverDeadAfterMs, heartbeatIntervalMs, rpcTimeoutMs,
        electionTimeoutMinMs, electionTimeoutMaxMs, checkpointIntervalEntries, raftSegmentBytes,
        ChunkManagementConfig.DEFAULTS);
  }

  /** All settings but monitoring: no metrics endpoint (tests). */
  public MasterConfig(String id, String host, int servicePort, int raftPort, List<Peer> peers,
      List<Peer> shadows, Path dataDir, long storeMaxBytes, long chunkSizeBytes, int defaultReplication,
      long leaseDurationMs, long chunkserverDeadAfterMs, long heartbeatIntervalMs, long rpcTimeoutMs,
      long electionTimeoutMinMs, long electionTimeoutMaxMs, long checkpointIntervalEntries,
      long raftSegmentBytes, ChunkManagementConfig chunkManagement) {
    this(id, host, servicePort, raftPort, peers, shadows, dataDir, storeMaxBytes, chunkSizeBytes,
        defaultReplication, leaseDurationMs, chunkserverDeadAfterMs, heartbeatIntervalMs, rpcTimeoutMs,
        electionTimeoutMinMs, electionTimeoutMaxMs, checkpointIntervalEntries, raftSegmentBytes,
        chunkManagement, Monitoring.NONE);
  }

  /** The same settings with another monitoring. */
  public MasterConfig withMonitoring(Monitoring newMonitoring) {
    return new MasterConfig(id, host, servicePort, raftPort, peers, shadows, dataDir, storeMaxBytes, chunkSizeBytes,
        defaultReplication, leaseDurationMs, chunkserverDeadAfterMs, heartbeatIntervalMs, rpcTimeoutMs,
        electionTimeoutMinMs, electionTimeoutMaxMs, checkpointIntervalEntries, raftSegmentBytes,
        chunkManagement, newMonitoring);
  }

  /** A voting master peer as listed in master.peers. */
  public record Peer(String id, String host, int raftPort, int servicePort) {
    public String raftAddress() {
      return host + ":" + raftPort;
    }

    public String serviceAddress() {
      return host + ":" + servicePort;
    }
  }

  public MasterConfig {
    if (chunkSizeBytes < 64 * 1024 || chunkSizeBytes % (64 * 1024) != 0) {
      throw new IllegalArgumentException(
          "chunk.size=" + chunkSizeBytes + " must be a positive multiple of 64KB");
    }
    if (raftSegmentBytes < 64 * 1024) {
      throw new IllegalArgumentException("master.raft.segment.bytes must be at least 64KB");
    }
    if (checkpointIntervalEntries < 1) {
      throw new IllegalArgumentException("master.checkpoint.interval.entries must be at least 1");
    }
    if (defaultReplication < 1) {
      throw new IllegalArgumentException("replication.default must be at least 1");
    }
    shadows = shadows == null ? List.of() : List.copyOf(shadows);
    chunkManagement = chunkManagement == null ? ChunkManagementConfig.DEFAULTS : chunkManagement;
    monitoring = monitoring == null ? Monitoring.NONE : monitoring;
    String selfId = id;
    if (peers.stream().noneMatch(p -> p.id().equals(selfId)) && shadows.stream().noneMatch(p -> p.id().equals(selfId))) {
      throw new IllegalArgumentException("master.id=" + id + " is listed neither in master.peers nor in master.shadows");
    }
  }

  public static MasterConfig from(Config config) {
    String id = config.getString("master.id", "master-1");
    String host = config.getString("master.host", "127.0.0.1");
    int servicePort = config.getInt("master.port", 7100);
    int raftPort = config.getInt("master.raft.port", 7200);
    String peersText = config.getString("master.peers", id + "=" + host + ":" + raftPort + ":" + servicePort);
    return new MasterConfig(
        id, host, servicePort, raftPort,
        parsePeers(peersText, config.source()),
        parsePeers(config.getString("master.shadows", ""), config.source()),
        Path.of(config.getString("master.data.dir", "./master-data")),
        config.getBytes("master.store.max.bytes", 8L << 30),
        config.getBytes("chunk.size", 64L << 20),
        config.getInt("replication.default", 3),
        config.getLong("lease.duration.ms", 60_000),
        config.getLong("chunkserver.dead.after.ms", 10_000),
        config.getLong("heartbeat.interval.ms", 1_000),
        config.getLong("rpc.timeout.ms", 5_000),
        config.getLong("raft.election.timeout.min.ms", 300),
        config.getLong("raft.election.timeout.max.ms", 600),
        config.getLong("master.checkpoint.interval.entries", DEFAULT_CHECKPOINT_INTERVAL_ENTRIES),
        config.getBytes("master.raft.segment.bytes", DEFAULT_RAFT_SEGMENT_BYTES),
        ChunkManagementConfig.from(config),
        new Monitoring(config.getInt("master.metrics.port", 7180), config.getBoolean("rpc.log.enabled", false)));
  }

  static List<Peer> parsePeers(String text, String source) {
    List<Peer> peers = new ArrayList<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] idAndAddress = trimmed.split("=", 2);
      String[] parts = idAndAddress.length == 2 ? idAndAddress[1].split(":") : new String[0];
      if (parts.length != 3) {
        throw new IllegalArgumentException(source + ": master.peers entry '" + trimmed
            + "' is not id=host:raftPort:servicePort");
      }
      try {
        peers.add(new Peer(idAndAddress[0].trim(), parts[0].trim(),
            Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": master.peers entry '" + trimmed
            + "' has a port that is not a number");
      }
    }
    return List.copyOf(peers);
  }

  public Peer self() {
    return allPeers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** True when this master is a read-only shadow (a Raft listener, never a voter). */
  public boolean isShadow() {
    return shadows.stream().anyMatch(p -> p.id().equals(id));
  }

  /** Voting peers first, then shadows. */
  public List<Peer> allPeers() {
    List<Peer> all = new ArrayList<>(peers);
    all.addAll(shadows);
    return all;
  }

  public String serviceAddressOf(String peerId) {
    return allPeers().stream().filter(p -> p.id().equals(peerId)).map(Peer::serviceAddress)
        .findFirst().orElse("");
  }
}
