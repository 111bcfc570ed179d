package gfs.common;

import java.util.Locale;

/** Byte sizes as operators write them in config files and flags: 64MB, 512k, 1GiB, 1048576. */
public final class Sizes {
  private Sizes() {}

  public static long parse(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long multiplier = 1;
    if (s.endsWith("KB") || s.endsWith("K")) {
      multiplier = 1L << 10;
    } else if (s.endsWith("MB") || s.endsWith("M")) {
      multiplier = 1L << 20;
    } else if (s.endsWith("GB") || s.endsWith("G")) {
      multiplier = 1L << 30;
    } else if (s.endsWith("TB") || s.endsWith("T")) {
      multiplier = 1L << 40;
    }
    String digits = s.replaceAll("[A-Z]+$", "").trim();
    try {
      long value = Long.parseLong(digits);
      if (value < 0) {
        throw new IllegalArgumentException("size '" + text + "' is negative");
      }
      return Math.multiplyExact(value, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("size '" + text + "' is not a number of bytes (e.g. 64MB, 512KB)");
    }
  }

  /** 1536 -> "1.5 KiB". */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
