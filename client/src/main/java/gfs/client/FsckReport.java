package gfs.client;

import java.util.List;

/**
 * The health of the chunks of a file or directory tree, as the master leader knows their
 * replicas (`gfs admin fsck`). healthy: no missing and no corrupt chunk (under-replicated chunks
 * are being repaired and do not count against it, as in `hdfs fsck`).
 *
 * @param files the files with problem chunks, or every file with {@link Detail#FILES} and above,
 *     at most the asked number of entries (files plus chunks)
 * @param truncated more to list than the asked number of entries; the summary still counts all
 */
public record FsckReport(String path, boolean healthy, Summary summary, List<File> files,
    boolean truncated, long liveChunkservers, long deadChunkservers) {

  /** Chunk health: HEALTHY, OVER_REPLICATED, UNDER_REPLICATED, CORRUPT, MISSING. */
  public static final List<String> HEALTHS =
      List.of("HEALTHY", "OVER_REPLICATED", "UNDER_REPLICATED", "CORRUPT", "MISSING");

  /** How much to list; each level includes the ones before it. */
  public enum Detail {
    /** Files with missing, corrupt or under-replicated chunks, with those chunks. */
    PROBLEMS,
    /** Every file. */
    FILES,
    /** Every chunk of every listed file. */
    CHUNKS,
    /** The replicas of every listed chunk. */
    LOCATIONS
  }

  public FsckReport {
    files = List.copyOf(files);
  }

  /**
   * @param liveReplicas good replicas counting toward goals, summed over chunks
   * @param replicaGoal the goals summed over chunks
   */
  public record Summary(long files, long directories, long bytes, long chunks, long healthyChunks,
      long underReplicatedChunks, long overReplicatedChunks, long missingChunks, long corruptChunks,
      long corruptReplicas, long staleReplicas, long decommissioningReplicas, long liveReplicas,
      long replicaGoal) {}

  /** One file; health is its worst chunk's. */
  public record File(String path, long length, int replication, long chunkCount, String health,
      List<Chunk> chunks) {
    public File {
      chunks = List.copyOf(chunks);
    }
  }

  /**
   * One chunk of a file.
   *
   * @param liveReplicas good replicas counting toward the goal (not those on draining servers)
   * @param deadReplicas last reported by chunkservers that are dead now
   * @param replicas listed with {@link Detail#LOCATIONS}
   */
  public record Chunk(long index, long handle, long version, long length, int goal, int liveReplicas,
      int corruptReplicas, int staleReplicas, int decommissioningReplicas, int deadReplicas, String health,
      List<Replica> replicas) {
    public Chunk {
      replicas = List.copyOf(replicas);
    }
  }

  /**
   * One replica. state: GOOD, DECOMMISSIONING (good, on a server being drained), CORRUPT (failed a
   * checksum), STALE (an older version), DEAD (on a chunkserver that stopped heartbeating).
   *
   * @param address host:port, empty when the server never registered with this leader
   */
  public record Replica(String chunkserverId, String address, String rack, long version, String state) {}
}
