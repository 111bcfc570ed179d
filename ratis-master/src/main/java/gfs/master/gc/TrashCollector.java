package gfs.master.gc;

import gfs.master.namespace.Namespace;
import gfs.master.raft.Proposer;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.INode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.PurgeOp;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace scan of GFS section 4.4 over the trash: deleted entries past the retention
 * period are removed for good through the log (PurgeOp), which drops their chunks' reference
 * counts; chunks nobody references leave the chunk table and their replicas become orphans
 * for the {@link ReplicaCollector}. Runs on the leader only, called by {@link GarbageCollector}.
 */
public final class TrashCollector {
  private static final Logger LOG = LoggerFactory.getLogger(TrashCollector.class);
  /** Trash entries read per read transaction. */
  static final int PAGE_SIZE = 1_000;
  /** Entries purged per log entry: one PurgeOp stays small and its apply short. */
  static final int PURGE_BATCH_SIZE = 100;
  /** Entries purged per scan at most; the rest waits for the next scan. */
  static final int MAX_PURGES_PER_SCAN = 10_000;

  private final MasterStore store;
  private final Namespace namespace;
  private final Proposer proposer;
  private final long retentionMs;
  private final long proposeTimeoutMs;
  /** Entries in the trash after the last scan (a lower bound when the scan stopped early). */
  private volatile long entriesLeft;
  /** When the oldest entry left after the last scan passes retention; 0 = none left. */
  private volatile long nextExpiryAtMs;
  /** Entries purged since the last reset (this leader's term). */
  private volatile long purgedEntries;

  public TrashCollector(MasterStore store, Namespace namespace, Proposer proposer, long retentionMs,
      long proposeTimeoutMs) {
    this.store = store;
    this.namespace = namespace;
    this.proposer = proposer;
    this.retentionMs = retentionMs;
    this.proposeTimeoutMs = proposeTimeoutMs;
  }

  /** Purges the expired entries; returns how many were purged. */
  public int collect(long nowMs) throws InterruptedException {
    return collect(nowMs, true);
  }

  /**
   * Counts the trash and, when purge is set, purges the expired entries (safe mode only counts);
   * returns how many were purged.
   */
  public int collect(long nowMs, boolean purge) throws InterruptedException {
    // seen[0]: entries read; [1]: the oldest deletion time among them, [2]: among the unexpired.
    long[] seen = {0, Long.MAX_VALUE, Long.MAX_VALUE};
    List<String> expired = expired(nowMs, seen);
    int purged = purge ? purgeAll(expired, nowMs) : 0;
    entriesLeft = Math.max(0, seen[0] - purged);
    long oldest = purged < expired.size() ? seen[1] : seen[2];
    nextExpiryAtMs = oldest == Long.MAX_VALUE ? 0 : oldest + retentionMs;
    purgedEntries += purged;
    return purged;
  }

  private int purgeAll(List<String> expired, long nowMs) throws InterruptedException {
    int purged = 0;
    for (List<String> batch : ExpiredTrash.batches(expired, PURGE_BATCH_SIZE)) {
      Outcome outcome = purge(batch, nowMs);
      if (outcome == Outcome.REFUSED && batch.size() > 1) {
        // One entry the log refuses (e.g. reclaimed by an rm a moment ago) must not hold up
        // the others: purge them one by one.
        for (String path : batch) {
          outcome = purge(List.of(path), nowMs);
          purged += outcome == Outcome.PURGED ? 1 : 0;
          if (outcome == Outcome.FAILED) {
            break;
          }
        }
      } else if (outcome == Outcome.PURGED) {
        purged += batch.size();
      }
      if (outcome == Outcome.FAILED) {
        break; // leadership lost or the log is slow: the next scan tries again
      }
    }
    if (purged > 0) {
      LOG.info("gc: purged {} deleted entries past the retention of {} ms", purged, retentionMs);
    }
    return purged;
  }

  /** Deleted entries awaiting collection, as the last scan counted them (for cluster status). */
  public long entriesLeft() {
    return entriesLeft;
  }

  /** When the oldest entry the last scan left passes retention (past when it is overdue); 0 = none. */
  public long nextExpiryAtMs() {
    return nextExpiryAtMs;
  }

  /** Entries purged since the last {@link #reset}. */
  public long purgedEntries() {
    return purgedEntries;
  }

  public long retentionMs() {
    return retentionMs;
  }

  /** Forgets the counts, e.g. when this master stops leading. */
  public void reset() {
    purgedEntries = 0;
    entriesLeft = 0;
    nextExpiryAtMs = 0;
  }

  /**
   * Entries in the trash past their retention, up to MAX_PURGES_PER_SCAN of them; seen[0] counts
   * all read, seen[1] and seen[2] get the oldest deletion time of all and of the unexpired ones.
   */
  private List<String> expired(long nowMs, long[] seen) {
    List<String> expired = new ArrayList<>();
    String startAfter = null;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      while (expired.size() < MAX_PURGES_PER_SCAN) {
        List<INode> page = namespace.children(txn, Keys.TRASH_ID, startAfter, PAGE_SIZE);
        seen[0] += page.size();
        for (INode entry : page) {
          if (entry.getDeletedAtMs() > 0) {
            seen[1] = Math.min(seen[1], entry.getDeletedAtMs());
            if (!ExpiredTrash.isExpired(entry, nowMs, retentionMs)) {
              seen[2] = Math.min(seen[2], entry.getDeletedAtMs());
            }
          }
        }
        expired.addAll(ExpiredTrash.select(page, nowMs, retentionMs));
        if (page.size() < PAGE_SIZE) {
          break;
        }
        startAfter = page.get(page.size() - 1).getName();
      }
    }
    return expired.size() > MAX_PURGES_PER_SCAN ? expired.subList(0, MAX_PURGES_PER_SCAN) : expired;
  }

  private enum Outcome { PURGED, REFUSED, FAILED }

  private Outcome purge(List<String> paths, long nowMs) throws InterruptedException {
    Operation op = Operation.newBuilder().setTimestampMs(nowMs)
        .setPurge(PurgeOp.newBuilder().addAllPaths(paths)).build();
    Error invalid;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      invalid = namespace.check(txn, op); // an invalid operation never enters the log
    }
    if (invalid != null) {
      LOG.warn("gc: purging {} deleted entries (first {}) refused: {}", paths.size(), paths.get(0),
          invalid.getMessage());
      return Outcome.REFUSED;
    }
    try {
      OperationResult result = proposer.propose(op).get(proposeTimeoutMs, TimeUnit.MILLISECONDS);
      if (!Errors.ok(result.getError())) {
        ErrorCode code = result.getError().getCode();
        if (code == ErrorCode.UNAVAILABLE || code == ErrorCode.NOT_LEADER || code == ErrorCode.SAFE_MODE) {
          LOG.warn("gc: purging {} deleted entries not committed: {}", paths.size(), result.getError().getMessage());
          return Outcome.FAILED;
        }
        LOG.warn("gc: purging {} deleted entries (first {}) refused: {}", paths.size(), paths.get(0),
            result.getError().getMessage());
        return Outcome.REFUSED;
      }
      LOG.debug("gc: purged {}", paths);
      return Outcome.PURGED;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("gc: purging {} deleted entries (first {}) failed: {}", paths.size(), paths.get(0), e.toString());
      return Outcome.FAILED;
    }
  }
}
