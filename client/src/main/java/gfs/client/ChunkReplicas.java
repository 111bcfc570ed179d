package gfs.client;

import java.util.List;

/**
 * Where one chunk of a file is: its up-to-date replicas as the master knows them, closest to
 * this client first. What schedulers (Hadoop's block locations) place work by.
 *
 * @param chunkIndex which chunk of the file (file offset / chunk size)
 * @param replicas never stale ones; empty when the master knows no live replica
 */
public record ChunkReplicas(long chunkIndex, List<Replica> replicas) {
  public ChunkReplicas {
    replicas = List.copyOf(replicas);
  }

  /** One replica: the chunkserver holding it, its data address and rack. */
  public record Replica(String chunkserverId, String host, int port, String rack) {}
}
