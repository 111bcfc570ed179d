package gfs.master.fsck;

import gfs.proto.ChunkHealth;
import gfs.proto.ReplicaState;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of one chunk from what the leader knows of its replicas (fsck). Pure: the caller
 * supplies the chunk's version and goal and, per replica, its reported version and corrupt mark
 * and whether its chunkserver is live and being drained. Counting follows re-replication: only
 * good replicas on chunkservers not being decommissioned count toward the goal.
 */
public final class ChunkJudge {
  /** One replica as the leader's soft state has it. */
  public record ReplicaView(String serverId, long version, boolean corrupt, boolean live,
      boolean decommissioning) {}

  /** The judgement of a chunk; states parallel to the replicas judged. */
  public record Verdict(ChunkHealth health, int live, int corrupt, int stale, int decommissioning,
      int dead, List<ReplicaState> states) {
    public boolean problem() {
      return isProblem(health);
    }
  }

  private ChunkJudge() {}

  /** Missing, corrupt and under-replicated chunks are problems; over-replicated ones are not. */
  public static boolean isProblem(ChunkHealth health) {
    return health == ChunkHealth.CHUNK_UNDER_REPLICATED || health == ChunkHealth.CHUNK_CORRUPT
        || health == ChunkHealth.CHUNK_MISSING;
  }

  /** The worse of two healths (MISSING worst, then CORRUPT, UNDER_REPLICATED, OVER_REPLICATED). */
  public static ChunkHealth worse(ChunkHealth a, ChunkHealth b) {
    return a.getNumber() >= b.getNumber() ? a : b;
  }

  public static ReplicaState state(ReplicaView replica, long chunkVersion) {
    if (!replica.live()) {
      return ReplicaState.REPLICA_DEAD;
    }
    if (replica.corrupt()) {
      return ReplicaState.REPLICA_CORRUPT;
    }
    // Older: it missed mutations. Newer (a grant still being logged) is not handed out either.
    if (replica.version() != chunkVersion) {
      return ReplicaState.REPLICA_STALE;
    }
    return replica.decommissioning() ? ReplicaState.REPLICA_DECOMMISSIONING : ReplicaState.REPLICA_GOOD;
  }

  /**
   * @param chunkVersion the chunk's version in the namespace
   * @param goal the replication of its file
   * @param neverPlaced it is its file's last chunk and was never placed on a chunkserver (no
   *     PlaceChunk logged): one added a moment ago, not written yet
   */
  public static Verdict judge(long chunkVersion, int goal, List<ReplicaView> replicas, boolean neverPlaced) {
    List<ReplicaState> states = new ArrayList<>(replicas.size());
    int live = 0;
    int corrupt = 0;
    int stale = 0;
    int decommissioning = 0;
    int dead = 0;
    for (ReplicaView replica : replicas) {
      ReplicaState state = state(replica, chunkVersion);
      states.add(state);
      switch (state) {
        case REPLICA_GOOD -> live++;
        case REPLICA_CORRUPT -> corrupt++;
        case REPLICA_STALE -> stale++;
        case REPLICA_DECOMMISSIONING -> decommissioning++;
        case REPLICA_DEAD -> dead++;
        default -> { }
      }
    }
    boolean unwritten = neverPlaced && chunkVersion == 1 && replicas.isEmpty();
    return new Verdict(health(goal, unwritten, live, corrupt, decommissioning),
        live, corrupt, stale, decommissioning, dead, states);
  }

  /**
   * unwritten: the last chunk of its file, at the first version, never placed, with no replica
   * reported: added just now (its first lease creates the replicas) or never written (no live server
   * then): no data lost. A placed one with no replica reported is missing: it may hold written data.
   */
  private static ChunkHealth health(int goal, boolean unwritten, int live, int corrupt, int decommissioning) {
    if (live + decommissioning == 0) {
      if (corrupt > 0) {
        return ChunkHealth.CHUNK_CORRUPT;
      }
      return unwritten ? ChunkHealth.CHUNK_HEALTHY : ChunkHealth.CHUNK_MISSING;
    }
    if (live < goal) {
      return ChunkHealth.CHUNK_UNDER_REPLICATED;
    }
    return live > goal ? ChunkHealth.CHUNK_OVER_REPLICATED : ChunkHealth.CHUNK_HEALTHY;
  }
}
