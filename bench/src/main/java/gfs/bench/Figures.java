package gfs.bench;

import gfs.common.Sizes;
import java.util.Locale;

/** How figures are written in the table: precision by unit, sizes in binary units. */
final class Figures {
  static final String MB_S = "MB/s";
  static final String OPS_S = "ops/s";
  static final String SECONDS = "s";
  static final String MIB = "MiB";

  private Figures() {}

  static String number(double value, String unit) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return switch (unit) {
      case SECONDS -> String.format(Locale.ROOT, "%.2f", value);
      case OPS_S -> String.format(Locale.ROOT, "%,.0f", value);
      // Small rates (1 KiB appends) would round to 0.0: two decimals below 10.
      default -> String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%,.1f", value);
    };
  }

  static String ratio(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "—"
        : String.format(Locale.ROOT, "%.2f", value);
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) || Double.isInfinite(fraction) ? "—"
        : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** 1048576 -> "1 MiB", 1536 -> "1.5 KiB". */
  static String size(long bytes) {
    return Sizes.human(bytes).replace(".0 ", " ");
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
