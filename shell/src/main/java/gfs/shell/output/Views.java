package gfs.shell.output;

import gfs.client.ClusterView;
import gfs.client.FileStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of client results: stable snake_case keys, sizes in bytes, times in ms. */
public final class Views {
  private Views() {}

  public static Map<String, Object> file(FileStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", status.path());
    m.put("name", status.name());
    m.put("type", status.directory() ? "directory" : "file");
    m.put("length", status.length());
    m.put("replication", status.replication());
    m.put("owner", status.owner());
    m.put("mode", Formats.octalMode(status.mode()));
    m.put("modification_time_ms", status.modificationTimeMs());
    m.put("chunks", status.chunkCount());
    m.put("chunk_size", status.chunkSizeBytes());
    if (status.deletedAtMs() > 0) {
      m.put("deleted_at_ms", status.deletedAtMs());
    }
    if (!status.deletedPath().isEmpty()) {
      m.put("deleted_path", status.deletedPath());
    }
    return m;
  }

  public static List<Object> files(List<FileStatus> statuses) {
    List<Object> list = new ArrayList<>(statuses.size());
    statuses.forEach(s -> list.add(file(s)));
    return list;
  }

  public static Map<String, Object> cluster(ClusterView view) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leader", view.leaderId() == null || view.leaderId().isEmpty() ? null : view.leaderId());
    m.put("reported_by", view.reportedBy() == null || view.reportedBy().isEmpty() ? null : view.reportedBy());
    m.put("files", view.fileCount());
    m.put("chunks", view.chunkCount());
    m.put("chunk_size", view.chunkSizeBytes());
    m.put("under_replicated_chunks", view.underReplicatedChunks());
    m.put("missing_chunks", view.missingChunks());
    m.put("safe_mode", view.safeMode());
    m.put("over_replicated_chunks", view.overReplicatedChunks());
    m.put("clones_in_flight", view.clonesInFlight());
    m.put("deleted_entries", view.deletedEntries());
    m.put("masters", masters(view.masters()));
    List<Object> chunkservers = new ArrayList<>();
    for (ClusterView.Chunkserver cs : view.chunkservers()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", cs.id());
      e.put("address", cs.address());
      e.put("rack", cs.rack());
      e.put("state", cs.state());
      e.put("used_bytes", cs.usedBytes());
      e.put("capacity_bytes", cs.capacityBytes());
      e.put("free_bytes", cs.freeBytes());
      e.put("chunks", cs.chunkCount());
      e.put("heartbeat_age_ms", cs.lastHeartbeatAgeMs());
      e.put("chunks_to_drain", cs.chunksToDrain());
      e.put("clones_in_flight", cs.clonesInFlight());
      chunkservers.add(e);
    }
    m.put("chunkservers", chunkservers);
    return m;
  }

  /** Masters as `gfs cluster` and `gfs admin masters --json` show them; lag null when unknown. */
  public static List<Object> masters(List<ClusterView.Master> masters) {
    List<Object> list = new ArrayList<>();
    for (ClusterView.Master master : masters) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", master.id());
      e.put("address", master.address());
      e.put("role", master.role());
      e.put("term", master.term());
      e.put("commit_index", master.commitIndex());
      e.put("applied_index", master.appliedIndex());
      e.put("lag", master.lag() < 0 ? null : master.lag());
      list.add(e);
    }
    return list;
  }

  /** The two tables of `gfs cluster`. */
  public static Table mastersTable(ClusterView view) {
    return mastersTable(view.masters());
  }

  /**
   * One row per master peer. LAG is the log entries it is behind the leader as the leader
   * sees them ("-" when no leader answered); figures of a master that did not answer are "-".
   */
  public static Table mastersTable(List<ClusterView.Master> masters) {
    Table table = new Table().left("ID").left("ADDRESS").left("ROLE").right("TERM")
        .right("COMMIT").right("APPLIED").right("LAG");
    for (ClusterView.Master m : masters) {
      boolean answered = !m.role().equals(ClusterView.UNREACHABLE) && m.term() > 0;
      table.row(m.id(), m.address().isEmpty() ? "-" : m.address(), m.role(),
          answered ? m.term() : "-", answered ? m.commitIndex() : "-",
          answered ? m.appliedIndex() : "-", m.lag() < 0 ? "-" : m.lag());
    }
    return table;
  }

  /**
   * One row per chunkserver. TO DRAIN is shown while it is decommissioning (replicas whose chunk
   * still lacks copies elsewhere; 0 = safe to remove), CLONES are the clones it is receiving.
   */
  public static Table chunkserversTable(ClusterView view) {
    Table table = new Table().left("ID").left("ADDRESS").left("RACK").left("STATE")
        .right("USED/CAPACITY").right("CHUNKS").right("CLONES").right("TO DRAIN").right("HEARTBEAT");
    for (ClusterView.Chunkserver cs : view.chunkservers()) {
      boolean draining = cs.state().startsWith("DECOMMISSION");
      table.row(cs.id(), cs.address(), cs.rack(), cs.state(),
          Formats.usage(cs.usedBytes(), cs.capacityBytes()), cs.chunkCount(), cs.clonesInFlight(),
          draining ? cs.chunksToDrain() : "-",
          cs.lastHeartbeatAgeMs() < 0 ? "-" : Formats.age(cs.lastHeartbeatAgeMs()) + " ago");
    }
    return table;
  }
}
