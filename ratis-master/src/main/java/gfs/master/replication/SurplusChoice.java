package gfs.master.replication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which replica of an over-replicated chunk to delete: never the primary of a lease that may
 * still be held; the source of a rebalancing move when there is one (that is what the move was
 * for); otherwise one on a rack holding more than one replica (rack spread is kept), then the
 * server with the most chunk bytes.
 */
public final class SurplusChoice {
  private SurplusChoice() {}

  /**
   * The server whose replica goes, or null when none may.
   *
   * @param replicas the chunk's effective replicas
   * @param leasePrimary primary of a lease that may still be held, or null
   * @param preferred the source of a finished rebalancing move of this chunk, or null
   */
  public static String victim(List<ServerView> replicas, String leasePrimary, String preferred) {
    List<ServerView> candidates = new ArrayList<>();
    Map<String, Integer> perRack = new HashMap<>();
    for (ServerView replica : replicas) {
      perRack.merge(replica.rack(), 1, Integer::sum);
      if (!replica.id().equals(leasePrimary)) {
        candidates.add(replica);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    for (ServerView candidate : candidates) {
      if (candidate.id().equals(preferred)) {
        return preferred;
      }
    }
    candidates.sort(Comparator
        .comparing((ServerView s) -> perRack.get(s.rack()) < 2)
        .thenComparing(Comparator.comparingLong(ServerView::usedBytes).reversed())
        .thenComparing(ServerView::id));
    return candidates.get(0).id();
  }
}
