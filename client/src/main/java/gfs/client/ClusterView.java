package gfs.client;

import java.util.List;

/**
 * The cluster as the masters report it, for `gfs cluster` and admin tools.
 *
 * @param leaderId id of the master leader, empty when no answering master knows one
 * @param masters every configured master once (unreachable ones with role UNREACHABLE),
 *     plus any other peer (e.g. a shadow) the masters reported
 * @param chunkservers as the leader sees them (or any answering master when no leader answered)
 * @param overReplicatedChunks chunks with more live replicas than their goal (the leader's last scan)
 * @param clonesInFlight chunk clones under way in the whole cluster, as the leader counts them
 * @param deletedEntries entries in the trash awaiting collection (restorable until then)
 * @param reportedBy id of the master whose answer gave the chunkservers and the counts: the
 *     leader, or a follower or shadow when the leader did not answer (its view may lag: a
 *     chunkserver it has not heard from yet is missing); empty when none gave them
 */
public record ClusterView(
    String leaderId,
    List<Master> masters,
    List<Chunkserver> chunkservers,
    long fileCount,
    long chunkCount,
    long chunkSizeBytes,
    long underReplicatedChunks,
    long missingChunks,
    boolean safeMode,
    long overReplicatedChunks,
    long clonesInFlight,
    long deletedEntries,
    String reportedBy) {

  /** Role of a master that did not answer. */
  public static final String UNREACHABLE = "UNREACHABLE";

  public ClusterView {
    masters = List.copyOf(masters);
    chunkservers = List.copyOf(chunkservers);
  }

  /** A view the leader reported. */
  public ClusterView(String leaderId, List<Master> masters, List<Chunkserver> chunkservers,
      long fileCount, long chunkCount, long chunkSizeBytes, long underReplicatedChunks,
      long missingChunks, boolean safeMode, long overReplicatedChunks, long clonesInFlight,
      long deletedEntries) {
    this(leaderId, masters, chunkservers, fileCount, chunkCount, chunkSizeBytes, underReplicatedChunks,
        missingChunks, safeMode, overReplicatedChunks, clonesInFlight, deletedEntries, leaderId);
  }

  /** Whether the chunkservers and counts are the leader's own (not a follower's that may lag). */
  public boolean fromLeader() {
    return leaderId != null && !leaderId.isEmpty() && leaderId.equals(reportedBy);
  }

  /** A view without background-work figures (a master that does not report them). */
  public ClusterView(String leaderId, List<Master> masters, List<Chunkserver> chunkservers,
      long fileCount, long chunkCount, long chunkSizeBytes, long underReplicatedChunks,
      long missingChunks, boolean safeMode) {
    this(leaderId, masters, chunkservers, fileCount, chunkCount, chunkSizeBytes,
        underReplicatedChunks, missingChunks, safeMode, 0, 0, 0);
  }

  /**
   * One master peer. role is LEADER, FOLLOWER, CANDIDATE, LISTENER (a read-only shadow),
   * UNKNOWN or UNREACHABLE.
   *
   * @param address host:port of its master service ("" when no master knows it)
   * @param lag log entries it is behind the leader's log as the leader sees it (0 for the
   *     leader), or -1 when no leader answered
   */
  public record Master(String id, String address, String role, long term, long commitIndex,
      long appliedIndex, long lag) {
    /** A master whose lag is not known. */
    public Master(String id, String address, String role, long term, long commitIndex,
        long appliedIndex) {
      this(id, address, role, term, commitIndex, appliedIndex, -1);
    }
  }

  /**
   * One chunkserver. state is LIVE, DEAD, DECOMMISSIONING or DECOMMISSIONED.
   *
   * @param chunksToDrain while DECOMMISSIONING: its replicas whose chunk still has fewer than
   *     its goal elsewhere (0 = safe to remove)
   * @param clonesInFlight clones it is receiving, as the leader counts them
   */
  public record Chunkserver(String id, String address, String rack, String state,
      long capacityBytes, long usedBytes, long freeBytes, long chunkCount,
      long lastHeartbeatAgeMs, long chunksToDrain, int clonesInFlight) {
    public Chunkserver(String id, String address, String rack, String state,
        long capacityBytes, long usedBytes, long freeBytes, long chunkCount,
        long lastHeartbeatAgeMs) {
      this(id, address, rack, state, capacityBytes, usedBytes, freeBytes, chunkCount,
          lastHeartbeatAgeMs, 0, 0);
    }
  }
}
