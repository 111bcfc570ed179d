package gfs.shell.bench;

/**
 * What one load run measured.
 *
 * @param operations operations that succeeded inside the measured window
 * @param errors operations that failed (not timed)
 * @param seconds length of the measured window
 * @param firstError the first failure seen, or null
 */
public record LoadResult(String what, int threads, long operations, long errors, double seconds,
    LatencyHistogram latencies, String firstError) {

  public double perSecond() {
    return operations / seconds;
  }

  public double p50Ms() {
    return latencies.percentileMs(0.50);
  }

  public double p99Ms() {
    return latencies.percentileMs(0.99);
  }
}
