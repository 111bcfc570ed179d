package gfs.client;

import java.util.List;

/** The cluster as the masters report it, for `gfs cluster` and admin tools. */
public record ClusterView(
    String leaderId,
    List<Master> masters,
    List<Chunkserver> chunkservers,
    long fileCount,
    long chunkCount,
    long chunkSizeBytes) {

  /** One master peer. role is LEADER, FOLLOWER, CANDIDATE, LISTENER or UNREACHABLE. */
  public record Master(String id, String address, String role, long term, long commitIndex,
      long appliedIndex) {}

  /** One chunkserver. state is LIVE, DEAD, DECOMMISSIONING or DECOMMISSIONED. */
  public record Chunkserver(String id, String address, String rack, String state,
      long capacityBytes, long usedBytes, long freeBytes, long chunkCount,
      long lastHeartbeatAgeMs) {}
}
