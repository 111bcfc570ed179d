package gfs.master.statemachine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * What this master saw of leader changes: each change of the leader it knows (Ratis tells the
 * state machine of every new leader), and the time from losing a leader to knowing the next one.
 * Ratis does not report losing a leader, so the owner samples it ({@link #noLeader}, e.g. every
 * 100 ms): election times are short by at most one sampling period. Listeners run on Ratis's
 * thread: quick, no I/O.
 */
public final class LeaderChanges {
  /** Told of every change; electionTime is null when no leaderless gap was seen. */
  public interface Listener {
    void leaderChanged(String newLeaderId, Duration electionTime);
  }

  private final LongSupplier nanoClock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long leaderlessSinceNanos = -1;  // guarded by this

  public LeaderChanges(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** This master knows no leader now (an election is under way). */
  public synchronized void noLeader() {
    if (leaderlessSinceNanos < 0) {
      leaderlessSinceNanos = nanoClock.getAsLong();
    }
  }

  /** Ratis made newLeaderId the leader this master knows. */
  void changed(String newLeaderId) {
    Duration election = null;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (leaderlessSinceNanos >= 0) {
        election = Duration.ofNanos(now - leaderlessSinceNanos);
        leaderlessSinceNanos = -1;
      }
    }
    for (Listener listener : listeners) {
      listener.leaderChanged(newLeaderId, election);
    }
  }
}
