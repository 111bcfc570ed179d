package gfs.master.replication;

import gfs.master.placement.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Where a new replica of an under-replicated chunk is copied from and to (GFS section 4.3):
 * the source is the least loaded live up-to-date replica (one on a decommissioning server is
 * fine: it still serves reads); the target is chosen by {@link Placement} with the rack rules,
 * never a server already holding the chunk at any version, nor a decommissioning one.
 */
public final class ClonePlanner {
  /** One clone to start. */
  public record Plan(String source, String target) {}

  private final Placement placement;

  public ClonePlanner(Placement placement) {
    this.placement = placement;
  }

  /**
   * The first (source, target) pair the throttle allows, target in placement order.
   *
   * @param upToDate live up-to-date replicas of the chunk
   * @param holders every server that reported the chunk, at any version, live or not
   * @param live every live chunkserver
   * @param allowed whether the throttle lets a clone from the first to the second start now
   */
  public Optional<Plan> plan(List<ServerView> upToDate, Set<String> holders, List<ServerView> live,
      BiPredicate<String, String> allowed) {
    if (upToDate.isEmpty()) {
      return Optional.empty();
    }
    List<ServerView> sources = new ArrayList<>(upToDate);
    sources.sort(Comparator.comparingInt(ServerView::load).thenComparing(ServerView::id));
    Set<String> racksUsed = new HashSet<>();
    for (ServerView replica : upToDate) {
      if (!replica.decommissioning()) {
        racksUsed.add(replica.rack());
      }
    }
    List<Placement.Candidate> candidates = new ArrayList<>();
    for (ServerView server : live) {
      if (!server.decommissioning() && !holders.contains(server.id())) {
        candidates.add(new Placement.Candidate(server.id(), server.rack(), server.usedFraction(), 0));
      }
    }
    for (Placement.Candidate target : placement.choose(candidates.size(), candidates, Set.of(), racksUsed)) {
      for (ServerView source : sources) {
        if (allowed.test(source.id(), target.id())) {
          return Optional.of(new Plan(source.id(), target.id()));
        }
      }
    }
    return Optional.empty();
  }
}
