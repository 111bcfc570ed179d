package gfs.master.replication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order re-replication works in (GFS section 4.3): chunks a client is blocked on first of
 * all, then the ones missing the most replicas (a chunk with one replica left before one with
 * two), then live files before deleted ones; ties by handle, so the order is stable.
 * Over-replicated chunks come after every under-replicated one.
 */
public final class ReplicationPriority {
  /** Most urgent first. */
  public static final Comparator<ChunkNeed> ORDER = Comparator
      .comparing((ChunkNeed n) -> !n.underReplicated())
      .thenComparing(n -> !n.blocked())
      .thenComparing(Comparator.comparingInt(ChunkNeed::missing).reversed())
      .thenComparing(ChunkNeed::deleted)
      .thenComparingLong(ChunkNeed::handle);

  /**
   * Chunks that rank alike under {@link #ORDER} (everything but the handle): priority 1 is the
   * most urgent level. missing is negative for surplus replicas.
   */
  public record Level(int priority, boolean blocked, int missing, boolean deleted, long chunks) {
    boolean holds(ChunkNeed need) {
      return need.blocked() == blocked && need.missing() == missing && need.deleted() == deleted;
    }
  }

  private ReplicationPriority() {}

  /** The levels of a queue sorted by {@link #ORDER}, most urgent first, numbered from 1. */
  public static List<Level> levels(List<ChunkNeed> ordered) {
    List<Level> levels = new ArrayList<>();
    for (ChunkNeed need : ordered) {
      Level last = levels.isEmpty() ? null : levels.get(levels.size() - 1);
      if (last != null && last.holds(need)) {
        levels.set(levels.size() - 1, new Level(last.priority(), last.blocked(), last.missing(),
            last.deleted(), last.chunks() + 1));
      } else {
        levels.add(new Level(levels.size() + 1, need.blocked(), need.missing(), need.deleted(), 1));
      }
    }
    return levels;
  }

  /** The priority of need among levels (0 when no level holds it). */
  public static int priority(List<Level> levels, ChunkNeed need) {
    for (Level level : levels) {
      if (level.holds(need)) {
        return level.priority();
      }
    }
    return 0;
  }
}
