package gfs.hadoop;

import gfs.client.ChunkReplicas;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;

/**
 * Chunks as Hadoop block locations: one block per chunk, its replicas' chunkservers as hosts,
 * "/RACK/host:port" as topology paths so that schedulers (YARN, Spark) place tasks on or near
 * a replica's host and rack.
 */
public final class BlockLocations {
  /** Hadoop's rack of a chunkserver that reported none (NetworkTopology.DEFAULT_RACK). */
  static final String DEFAULT_RACK = "/default-rack";

  private BlockLocations() {}

  /**
   * @param chunks the chunks of the asked range, in order
   * @param fileLength bytes in the file: the last chunk's block ends there
   */
  public static BlockLocation[] of(List<ChunkReplicas> chunks, long chunkSizeBytes,
      long fileLength) {
    BlockLocation[] blocks = new BlockLocation[chunks.size()];
    for (int i = 0; i < blocks.length; i++) {
      ChunkReplicas chunk = chunks.get(i);
      long offset = chunk.chunkIndex() * chunkSizeBytes;
      long length = Math.max(0, Math.min(chunkSizeBytes, fileLength - offset));
      List<ChunkReplicas.Replica> replicas = chunk.replicas();
      String[] names = new String[replicas.size()];
      String[] hosts = new String[replicas.size()];
      String[] topologyPaths = new String[replicas.size()];
      for (int r = 0; r < names.length; r++) {
        ChunkReplicas.Replica replica = replicas.get(r);
        names[r] = replica.host() + ":" + replica.port();
        hosts[r] = replica.host();
        topologyPaths[r] = rack(replica.rack()) + "/" + names[r];
      }
      blocks[i] = new BlockLocation(names, hosts, topologyPaths, offset, length);
    }
    return blocks;
  }

  /** A gfs rack id as a Hadoop network location ("rack-1" -> "/rack-1"). */
  static String rack(String rack) {
    if (rack == null || rack.isBlank()) {
      return DEFAULT_RACK;
    }
    return rack.startsWith("/") ? rack : "/" + rack;
  }
}
