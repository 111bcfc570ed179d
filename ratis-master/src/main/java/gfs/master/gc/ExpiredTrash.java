package gfs.master.gc;

import gfs.proto.INode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which deleted entries are past their retention (GFS section 4.4: a deleted file stays under
 * its hidden name until the namespace scan removes it). A pure function of the trash page, the
 * clock and the retention, so it is tested without a cluster.
 */
public final class ExpiredTrash {
  /** Prefix of the paths PurgeOp takes: the trash directory as the namespace names it. */
  public static final String TRASH_PREFIX = "/.trash/";

  private ExpiredTrash() {}

  /**
   * The "/.trash/name" paths of the entries deleted at least retentionMs before nowMs. An entry
   * without a deletion time (never expected in the trash) is kept: collecting it would guess.
   */
  public static List<String> select(List<INode> trashEntries, long nowMs, long retentionMs) {
    List<String> expired = new ArrayList<>();
    for (INode entry : trashEntries) {
      if (isExpired(entry, nowMs, retentionMs)) {
        expired.add(TRASH_PREFIX + entry.getName());
      }
    }
    return expired;
  }

  static boolean isExpired(INode entry, long nowMs, long retentionMs) {
    long deletedAtMs = entry.getDeletedAtMs();
    // Written as a subtraction so a huge retention cannot overflow into "expired".
    return deletedAtMs > 0 && nowMs - deletedAtMs >= retentionMs;
  }

  /** paths cut into batches of at most batchSize, in order (one PurgeOp each). */
  public static List<List<String>> batches(List<String> paths, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
    }
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < paths.size(); from += batchSize) {
      batches.add(List.copyOf(paths.subList(from, Math.min(paths.size(), from + batchSize))));
    }
    return batches;
  }
}
