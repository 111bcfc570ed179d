package gfs.bench;

import java.util.Locale;

/** One of issue 10's targets for a gfs figure, checked against the figures of the run. */
record Target(Kind kind, double threshold) {
  enum Kind {
    /** gfs / HDFS >= threshold (throughputs). */
    AT_LEAST_TIMES_HDFS,
    /** gfs / HDFS <= threshold (heap growth). */
    AT_MOST_TIMES_HDFS,
    /** gfs / bound >= threshold. */
    AT_LEAST_OF_BOUND,
    /** gfs < threshold, in the row's unit (seconds). */
    BELOW
  }

  static Target atLeastTimesHdfs(double times) {
    return new Target(Kind.AT_LEAST_TIMES_HDFS, times);
  }

  static Target atMostTimesHdfs(double times) {
    return new Target(Kind.AT_MOST_TIMES_HDFS, times);
  }

  static Target atLeastOfBound(double fraction) {
    return new Target(Kind.AT_LEAST_OF_BOUND, fraction);
  }

  static Target below(double value) {
    return new Target(Kind.BELOW, value);
  }

  String label(String unit) {
    return switch (kind) {
      case AT_LEAST_TIMES_HDFS -> String.format(Locale.ROOT, ">= %.1fx HDFS", threshold);
      case AT_MOST_TIMES_HDFS -> String.format(Locale.ROOT, "<= %.1fx HDFS", threshold);
      case AT_LEAST_OF_BOUND -> String.format(Locale.ROOT, ">= %.0f%% of bound", threshold * 100);
      case BELOW -> String.format(Locale.ROOT, "< %s %s", Figures.number(threshold, unit), unit);
    };
  }

  /** Whether the target is met; null when a figure it needs is missing. */
  Boolean met(double gfs, double ratio, double ofBound) {
    double value = switch (kind) {
      case AT_LEAST_TIMES_HDFS, AT_MOST_TIMES_HDFS -> ratio;
      case AT_LEAST_OF_BOUND -> ofBound;
      case BELOW -> gfs;
    };
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    return switch (kind) {
      case AT_LEAST_TIMES_HDFS, AT_LEAST_OF_BOUND -> value >= threshold;
      case AT_MOST_TIMES_HDFS -> value <= threshold;
      case BELOW -> value < threshold;
    };
  }
}
