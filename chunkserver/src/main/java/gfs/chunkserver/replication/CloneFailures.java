package gfs.chunkserver.replication;

import gfs.proto.FailedClone;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The clones that failed here lately, for the heartbeats to report: the master leader then
 * plans each again at once rather than waiting out its clone timeout. A failure is reported for
 * a while, not once, because every master gets the heartbeats and only the leader acts on them.
 */
public final class CloneFailures {
  static final long REPORT_FOR_MS = 10_000;
  static final int MAX_KEPT = 64;

  private record Failure(long handle, long version, String sourceId, String reason, long atNanos) {}

  private final LongSupplier nanoClock;
  // Guarded by this; oldest first.
  private final Deque<Failure> failures = new ArrayDeque<>();

  public CloneFailures(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public synchronized void record(long handle, long version, String sourceId, String reason) {
    if (failures.size() == MAX_KEPT) {
      failures.removeFirst();
    }
    failures.addLast(new Failure(handle, version, sourceId, reason, nanoClock.getAsLong()));
  }

  /** The failures of the last {@link #REPORT_FOR_MS}, with how long ago each happened. */
  public synchronized List<FailedClone> recent() {
    long now = nanoClock.getAsLong();
    long windowNanos = TimeUnit.MILLISECONDS.toNanos(REPORT_FOR_MS);
    while (!failures.isEmpty() && now - failures.peekFirst().atNanos() > windowNanos) {
      failures.removeFirst();
    }
    List<FailedClone> recent = new ArrayList<>(failures.size());
    for (Failure f : failures) {
      recent.add(FailedClone.newBuilder().setHandle(f.handle()).setVersion(f.version())
          .setSourceId(f.sourceId()).setReason(f.reason())
          .setFailedMsAgo(TimeUnit.NANOSECONDS.toMillis(now - f.atNanos())).build());
    }
    return recent;
  }
}
