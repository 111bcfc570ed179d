package gfs.client.master;

import gfs.client.BalancerStatus;
import gfs.client.FsckReport;
import gfs.client.GcStatus;
import gfs.client.ReplicationStatus;
import gfs.proto.BalancerResponse;
import gfs.proto.BalancerServer;
import gfs.proto.ChunkHealth;
import gfs.proto.ChunkserverInfo;
import gfs.proto.CloneInFlight;
import gfs.proto.FsckChunk;
import gfs.proto.FsckFile;
import gfs.proto.FsckReplica;
import gfs.proto.FsckResponse;
import gfs.proto.FsckSummary;
import gfs.proto.GcStatusResponse;
import gfs.proto.QueuedChunk;
import gfs.proto.ReplicaState;
import gfs.proto.ReplicationLevel;
import gfs.proto.ReplicationStatusResponse;
import java.util.List;

/** The master's admin answers as the client's plain records (no protobuf types leave the client). */
public final class AdminReplies {
  private AdminReplies() {}

  public static FsckReport fsck(FsckResponse r) {
    FsckSummary s = r.getSummary();
    return new FsckReport(r.getPath(), r.getHealthy(),
        new FsckReport.Summary(s.getFiles(), s.getDirectories(), s.getBytes(), s.getChunks(),
            s.getHealthyChunks(), s.getUnderReplicatedChunks(), s.getOverReplicatedChunks(),
            s.getMissingChunks(), s.getCorruptChunks(), s.getCorruptReplicas(), s.getStaleReplicas(),
            s.getDecommissioningReplicas(), s.getLiveReplicas(), s.getReplicaGoal()),
        r.getFilesList().stream().map(AdminReplies::file).toList(), r.getTruncated(),
        r.getLiveChunkservers(), r.getDeadChunkservers());
  }

  private static FsckReport.File file(FsckFile f) {
    return new FsckReport.File(f.getPath(), f.getLength(), f.getReplication(), f.getChunkCount(),
        health(f.getHealth()), f.getChunksList().stream().map(AdminReplies::chunk).toList());
  }

  private static FsckReport.Chunk chunk(FsckChunk c) {
    return new FsckReport.Chunk(c.getIndex(), c.getHandle(), c.getVersion(), c.getLength(), c.getGoal(),
        c.getLiveReplicas(), c.getCorruptReplicas(), c.getStaleReplicas(), c.getDecommissioningReplicas(),
        c.getDeadReplicas(), health(c.getHealth()), c.getReplicasList().stream().map(AdminReplies::replica).toList());
  }

  private static FsckReport.Replica replica(FsckReplica r) {
    ChunkserverInfo server = r.getServer();
    String address = server.getHost().isEmpty() ? "" : server.getHost() + ":" + server.getPort();
    return new FsckReport.Replica(server.getId(), address, server.getRack(), r.getVersion(), state(r.getState()));
  }

  /** "UNDER_REPLICATED" for CHUNK_UNDER_REPLICATED. */
  static String health(ChunkHealth health) {
    return health == ChunkHealth.UNRECOGNIZED ? "UNKNOWN" : health.name().substring("CHUNK_".length());
  }

  /** "STALE" for REPLICA_STALE. */
  static String state(ReplicaState state) {
    return state == ReplicaState.UNRECOGNIZED ? "UNKNOWN" : state.name().substring("REPLICA_".length());
  }

  public static ReplicationStatus replication(ReplicationStatusResponse r) {
    return new ReplicationStatus(r.getScannedAtMs(), r.getScanIntervalMs(), r.getUnderReplicatedChunks(),
        r.getMissingChunks(), r.getOverReplicatedChunks(),
        r.getLevelsList().stream().map(AdminReplies::level).toList(),
        r.getQueueList().stream().map(AdminReplies::queued).toList(), r.getQueuedChunks(),
        clones(r.getClonesList()), r.getMaxClones(), r.getMaxClonesPerServer(), r.getPaused());
  }

  private static ReplicationStatus.Level level(ReplicationLevel l) {
    return new ReplicationStatus.Level(l.getPriority(), l.getBlocked(), l.getMissingReplicas(), l.getDeleted(),
        l.getChunks());
  }

  private static ReplicationStatus.QueuedChunk queued(QueuedChunk q) {
    return new ReplicationStatus.QueuedChunk(q.getPriority(), q.getHandle(), q.getVersion(), q.getGoal(),
        q.getLiveReplicas(), q.getBlocked(), q.getDeleted(), q.getCloneInFlight());
  }

  private static List<ReplicationStatus.Clone> clones(List<CloneInFlight> clones) {
    return clones.stream().map(c -> new ReplicationStatus.Clone(c.getHandle(), c.getVersion(), c.getSource(),
        c.getTarget(), c.getMove(), c.getAgeMs())).toList();
  }

  public static GcStatus gc(GcStatusResponse r) {
    return new GcStatus(r.getRetentionMs(), r.getScanIntervalMs(), r.getLeaderSinceMs(), r.getLastScanAtMs(),
        r.getTrashEntries(), r.getNextExpiryAtMs(), r.getPurgedEntries(), r.getPendingOrphanReplicas(),
        r.getPendingStaleReplicas(), r.getPendingCorruptReplicas(), r.getDeletedReplicas(),
        r.getReclaimedBytes(), r.getPaused());
  }

  public static BalancerStatus balancer(BalancerResponse r) {
    return new BalancerStatus(r.getEnabled(), r.getActive(), r.getChangedAtMs(), r.getIntervalMs(),
        r.getThreshold(), r.getMaxMovesPerServer(), r.getLastRunAtMs(), r.getMeanUsedBytes(),
        r.getServersList().stream().map(AdminReplies::server).toList(), clones(r.getMovesList()),
        r.getSafeMode());
  }

  private static BalancerStatus.Server server(BalancerServer s) {
    return new BalancerStatus.Server(s.getId(), s.getRack(), s.getUsedBytes(), s.getCapacityBytes(),
        s.getDeviation(), s.getAbove(), s.getBelow(), s.getMovesIn(), s.getMovesOut());
  }
}
