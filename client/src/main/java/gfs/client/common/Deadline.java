package gfs.client.common;

import gfs.client.GfsException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The time left to one client operation, shared by all its RPCs, retries and failovers,
 * so that no operation outlives {@code client.operation.timeout.ms}.
 */
public final class Deadline {
  private final LongSupplier nanoClock;
  private final long timeoutMs;
  private final long deadlineNanos;

  private Deadline(LongSupplier nanoClock, long timeoutMs) {
    this.nanoClock = nanoClock;
    this.timeoutMs = timeoutMs;
    this.deadlineNanos = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  public static Deadline afterMs(long timeoutMs) {
    return new Deadline(System::nanoTime, timeoutMs);
  }

  /** A deadline on a given monotonic clock (nanoseconds), for tests of timing logic. */
  public static Deadline afterMs(long timeoutMs, LongSupplier nanoClock) {
    return new Deadline(nanoClock, timeoutMs);
  }

  /** The whole budget this deadline was created with. */
  public long timeoutMs() {
    return timeoutMs;
  }

  public long remainingMs() {
    long leftNanos = deadlineNanos - nanoClock.getAsLong();
    return leftNanos <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(leftNanos);
  }

  public boolean expired() {
    return deadlineNanos - nanoClock.getAsLong() <= 0;
  }

  /** The deadline of one RPC: its own timeout, cut to what is left of the operation. */
  public long rpcTimeoutMs(long rpcTimeoutMs) {
    return Math.max(1, Math.min(rpcTimeoutMs, remainingMs()));
  }

  /** A deadline for a side call (best effort), never later than this one. */
  public Deadline sub(long maxMs) {
    return new Deadline(nanoClock, Math.min(maxMs, remainingMs()));
  }

  /** Sleeps for ms, but never past the deadline. */
  public void sleep(long ms) throws GfsException {
    long sleepMs = Math.min(ms, remainingMs());
    if (sleepMs <= 0) {
      return;
    }
    try {
      Thread.sleep(sleepMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GfsException(GfsException.Kind.UNAVAILABLE, "interrupted while waiting to retry", e);
    }
  }
}
