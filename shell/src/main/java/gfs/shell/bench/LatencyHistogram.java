package gfs.shell.bench;

/**
 * Latencies in microseconds, in log-linear buckets (exact below 128 µs, then 64 buckets per
 * power of two: under 1.6% error), so memory stays fixed however many operations are timed.
 * Not thread-safe: one per worker thread, merged at the end.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 128;
  private static final int SUB_BUCKETS = 64;
  /** Powers of two from 2^7 µs to 2^42 µs (about 50 days): every long latency fits. */
  private static final int EXPONENTS = 36;

  private final long[] counts = new long[LINEAR + EXPONENTS * SUB_BUCKETS];
  private long total;
  private long maxMicros;

  public void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    counts[index(micros)]++;
    total++;
    maxMicros = Math.max(maxMicros, micros);
  }

  public void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    maxMicros = Math.max(maxMicros, other.maxMicros);
  }

  public long count() {
    return total;
  }

  public double maxMs() {
    return maxMicros / 1_000.0;
  }

  /** The latency at quantile q (0..1) in milliseconds; 0 when nothing was recorded. */
  public double percentileMs(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperMicros(i), maxMicros) / 1_000.0;
      }
    }
    return maxMicros / 1_000.0;
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= 7
    int row = Math.min(exponent - 7, EXPONENTS - 1);
    int shift = row + 1; // 2^exponent >> shift == SUB_BUCKETS
    long sub = Math.min((micros >> shift) - SUB_BUCKETS, SUB_BUCKETS - 1);
    return LINEAR + row * SUB_BUCKETS + (int) sub;
  }

  /** The largest latency that falls in bucket i. */
  static long upperMicros(int i) {
    if (i < LINEAR) {
      return i;
    }
    int row = (i - LINEAR) / SUB_BUCKETS;
    int sub = (i - LINEAR) % SUB_BUCKETS;
    int shift = row + 1;
    return (((long) SUB_BUCKETS + sub + 1) << shift) - 1;
  }
}
