package gfs.client.data;

import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.LeaseInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica set and primary of a chunk as the master handed it to this writer.
 *
 * @param chunkSizeBytes the cluster's chunk size as the lease answer reported it (0 if not)
 */
public record Lease(LeaseInfo info, long chunkSizeBytes) {

  public long chunkIndex() {
    return info.getChunk().getChunkIndex();
  }

  public long handle() {
    return info.getChunk().getHandle();
  }

  public long version() {
    return info.getChunk().getVersion();
  }

  public ChunkLocation location() {
    return info.getChunk();
  }

  public ChunkserverInfo primary() {
    return info.getPrimary();
  }

  public List<ChunkserverInfo> secondaries() {
    return info.getSecondariesList();
  }

  /**
   * The push chain: the primary and every secondary, starting with the replica the master
   * listed first (closest to this client), then each hop the one closest to the previous
   * (same host, then same rack, then the master's order), so data crosses each rack boundary
   * as few times as the replica set allows (GFS section 3.2).
   */
  public List<ChunkserverInfo> pushChain() {
    List<ChunkserverInfo> members = new ArrayList<>();
    members.add(info.getPrimary());
    members.addAll(info.getSecondariesList());
    List<ChunkserverInfo> chain = new ArrayList<>();
    for (ChunkserverInfo replica : info.getChunk().getReplicasList()) {
      if (contains(members, replica) && !contains(chain, replica)) {
        chain.add(replica);
      }
    }
    for (ChunkserverInfo member : members) {
      if (!contains(chain, member)) {
        chain.add(member);
      }
    }
    return closestNextHops(chain);
  }

  /** Keeps the first replica; orders the rest greedily by distance from the previous hop. */
  static List<ChunkserverInfo> closestNextHops(List<ChunkserverInfo> listed) {
    List<ChunkserverInfo> remaining = new ArrayList<>(listed);
    List<ChunkserverInfo> chain = new ArrayList<>(listed.size());
    if (!remaining.isEmpty()) {
      chain.add(remaining.remove(0));
    }
    while (!remaining.isEmpty()) {
      ChunkserverInfo previous = chain.get(chain.size() - 1);
      int best = 0;
      for (int i = 1; i < remaining.size(); i++) {
        if (distance(previous, remaining.get(i)) < distance(previous, remaining.get(best))) {
          best = i;
        }
      }
      chain.add(remaining.remove(best));
    }
    return chain;
  }

  /** 0 on the same host, 1 on the same rack, 2 elsewhere (an unknown rack is elsewhere). */
  private static int distance(ChunkserverInfo a, ChunkserverInfo b) {
    if (a.getHost().equals(b.getHost())) {
      return 0;
    }
    return !a.getRack().isEmpty() && a.getRack().equals(b.getRack()) ? 1 : 2;
  }

  private static boolean contains(List<ChunkserverInfo> servers, ChunkserverInfo server) {
    for (ChunkserverInfo s : servers) {
      if (s.getHost().equals(server.getHost()) && s.getPort() == server.getPort()) {
        return true;
      }
    }
    return false;
  }
}
