package gfs.client.common;

import gfs.client.GfsException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential pause between retries, from initialMs doubling up to maxMs, with a little
 * jitter so that clients retrying after the same failure do not move in lock step.
 * Not thread-safe: one per retry loop.
 */
public final class Backoff {
  public static final long DEFAULT_INITIAL_MS = 50;
  public static final long DEFAULT_MAX_MS = 1_000;

  private final long maxMs;
  private long nextMs;

  public Backoff(long initialMs, long maxMs) {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException("backoff " + initialMs + ".." + maxMs + " ms is not a range");
    }
    this.nextMs = initialMs;
    this.maxMs = maxMs;
  }

  public static Backoff standard() {
    return new Backoff(DEFAULT_INITIAL_MS, DEFAULT_MAX_MS);
  }

  /** The next pause: the current step plus up to a quarter of it at random. */
  public long nextDelayMs() {
    long delay = nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return delay + ThreadLocalRandom.current().nextLong(delay / 4 + 1);
  }

  /** Sleeps for the next pause, never past the deadline. */
  public void pause(Deadline deadline) throws GfsException {
    deadline.sleep(nextDelayMs());
  }
}
