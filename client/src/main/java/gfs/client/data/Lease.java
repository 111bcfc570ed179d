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
   * The push chain: the primary and every secondary, in the order the master listed the
   * replicas (closest to this client first), so data crosses the network once per hop.
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
    return chain;
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
