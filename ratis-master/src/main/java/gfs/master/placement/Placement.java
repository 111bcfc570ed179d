package gfs.master.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the replicas of a new chunk go (GFS section 4.2): chunkservers with below-average disk
 * use first, at most a few recent creations per chunkserver (creations bring the writes that
 * follow them), and replicas on as many racks as possible. A pure decision: it is handed the
 * candidates and returns a choice.
 */
public final class Placement {
  /** A chunkserver that could take a replica. */
  public record Candidate(String id, String rack, double usedFraction, int recentCreations) {}

  private final int maxRecentCreationsPerServer;

  public Placement(int maxRecentCreationsPerServer) {
    this.maxRecentCreationsPerServer = maxRecentCreationsPerServer;
  }

  /** Up to count distinct candidates (fewer when fewer are eligible), not in exclude. */
  public List<Candidate> choose(int count, List<Candidate> candidates, Set<String> exclude,
      Set<String> racksAlreadyUsed) {
    List<Candidate> eligible = new ArrayList<>();
    List<Candidate> busy = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (exclude.contains(candidate.id())) {
        continue;
      }
      (candidate.recentCreations() < maxRecentCreationsPerServer ? eligible : busy).add(candidate);
    }
    Comparator<Candidate> order = Comparator.comparingDouble(Candidate::usedFraction)
        .thenComparingInt(Candidate::recentCreations)
        .thenComparing(Candidate::id);
    eligible.sort(order);
    busy.sort(order);
    // Busy servers only when there are not enough others: a replica is better than none.
    eligible.addAll(busy);

    List<Candidate> chosen = new ArrayList<>();
    Set<String> racks = new HashSet<>(racksAlreadyUsed);
    for (Candidate candidate : eligible) {
      if (chosen.size() == count) {
        break;
      }
      if (!racks.contains(candidate.rack())) {
        chosen.add(candidate);
        racks.add(candidate.rack());
      }
    }
    for (Candidate candidate : eligible) {
      if (chosen.size() == count) {
        break;
      }
      if (!chosen.contains(candidate)) {
        chosen.add(candidate);
      }
    }
    return chosen;
  }
}
