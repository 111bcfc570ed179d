package gfs.shell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void smallLatenciesAreExactAndLargeOnesWithinTwoPercent() {
    for (long micros : new long[] {0, 1, 127, 128, 129, 1_000, 4_321, 999_999, 3_600_000_000L}) {
      LatencyHistogram histogram = new LatencyHistogram();
      histogram.recordNanos(micros * 1_000);
      double ms = histogram.percentileMs(0.5);
      assertTrue(Math.abs(ms * 1_000 - micros) <= Math.max(0, micros * 0.016),
          micros + " µs read back as " + ms + " ms");
    }
  }

  @Test
  void percentilesOfAUniformSpreadAndMerging() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      (ms % 2 == 0 ? a : b).recordNanos(ms * 1_000_000L);
    }
    a.add(b);
    assertEquals(100, a.count());
    assertEquals(50, a.percentileMs(0.50), 50 * 0.016);
    assertEquals(99, a.percentileMs(0.99), 99 * 0.016);
    assertEquals(100, a.maxMs(), 1e-9);
  }

  @Test
  void bucketsAreOrderedAndCoverEveryValue() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long micros = (random.nextLong() >>> 22) >>> random.nextInt(42); // below 2^42 µs
      int index = LatencyHistogram.index(micros);
      assertTrue(micros <= LatencyHistogram.upperMicros(index), micros + " above its bucket's upper bound");
      assertTrue(index == 0 || micros > LatencyHistogram.upperMicros(index - 1), micros + " in too high a bucket");
    }
  }

  @Test
  void anEmptyHistogramReportsZero() {
    assertEquals(0, new LatencyHistogram().percentileMs(0.99));
  }
}
