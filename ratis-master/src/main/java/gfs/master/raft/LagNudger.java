package gfs.master.raft;

import gfs.proto.LogEntry;
import gfs.rpc.NamedThreads;
import java.io.Closeable;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, appends an empty log entry when a follower has been behind the commit index
 * without progress for a while. Ratis 3.x's leader answers a follower that restarted with an
 * empty log only with heartbeats until the next real entry (RATIS-2523), so on an idle
 * cluster a wiped follower would never catch up or install a checkpoint. The empty entry
 * changes no state: apply just records its index. When even that does not help (the leader
 * keeps its old match index for the follower and never goes back to send a checkpoint), the
 * leader steps down: the next term starts every follower's replication state afresh.
 */
public final class LagNudger implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LagNudger.class);
  static final long CHECK_INTERVAL_MS = 2_000;
  /** Checks in a row a follower may stay stuck, nudged, before the leader steps down. */
  static final int STUCK_CHECKS_BEFORE_STEP_DOWN = 4;

  private final RaftNode raft;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("master-lag-nudger", true));
  private long[] previousMatch = new long[0];
  private int stuckChecks;

  public LagNudger(RaftNode raft) {
    this.raft = raft;
    scheduler.scheduleWithFixedDelay(this::check, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      if (!raft.isReadyLeader()) {
        previousMatch = new long[0];
        stuckChecks = 0;
        return;
      }
      long[] match = raft.followerMatchIndices();
      long commit = raft.commitIndex();
      boolean stuck = false;
      for (int i = 0; i < match.length; i++) {
        boolean behind = match[i] < commit;
        boolean noProgress = i < previousMatch.length && previousMatch[i] == match[i];
        stuck |= behind && noProgress;
      }
      previousMatch = Arrays.copyOf(match, match.length);
      stuckChecks = stuck ? stuckChecks + 1 : 0;
      if (stuckChecks >= STUCK_CHECKS_BEFORE_STEP_DOWN) {
        LOG.warn("a follower is still stuck behind commit index {} (match indices {}): stepping down so that "
            + "a new term restarts its replication (and sends it a checkpoint if it needs one)", commit,
            Arrays.toString(match));
        stuckChecks = 0;
        raft.stepDown();
      } else if (stuck) {
        LOG.info("a follower is stuck behind commit index {} (match indices {}): appending an empty entry",
            commit, Arrays.toString(match));
        raft.submit(LogEntry.getDefaultInstance().toByteArray());
      }
    } catch (RuntimeException e) {
      LOG.debug("lag check failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
