package gfs.shell.output;

import gfs.common.Sizes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values look in text output. */
public final class Formats {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private Formats() {}

  /** "drwxr-xr-x" / "-rw-r--r--" from the permission bits. */
  public static String mode(boolean directory, int mode) {
    StringBuilder s = new StringBuilder(directory ? "d" : "-");
    String letters = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? letters.charAt((8 - bit) % 3) : '-');
    }
    return s.toString();
  }

  /** Permission bits as octal, as chmod takes them: 0644. */
  public static String octalMode(int mode) {
    return String.format(Locale.ROOT, "%04o", mode & 07777);
  }

  /** A wall-clock time to the minute in the local zone; "-" for 0 (unknown). */
  public static String time(long epochMs, ZoneId zone) {
    return epochMs <= 0 ? "-" : MINUTES.format(Instant.ofEpochMilli(epochMs).atZone(zone));
  }

  public static String timeSeconds(long epochMs, ZoneId zone) {
    return epochMs <= 0 ? "-" : SECONDS.format(Instant.ofEpochMilli(epochMs).atZone(zone));
  }

  /** An age for people: 0.4s, 12s, 3m05s, 2h04m, 3d02h; "-" when negative (unknown). */
  public static String age(long ms) {
    if (ms < 0) {
      return "-";
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long seconds = ms / 1000;
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 120) {
      return String.format(Locale.ROOT, "%dm%02ds", minutes, seconds % 60);
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return String.format(Locale.ROOT, "%dh%02dm", hours, minutes % 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", hours / 24, hours % 24);
  }

  public static String size(long bytes) {
    return bytes < 0 ? "-" : Sizes.human(bytes);
  }

  /** "1.0 MiB / 50.0 GiB (2%)". */
  public static String usage(long usedBytes, long capacityBytes) {
    String text = size(usedBytes) + " / " + size(capacityBytes);
    if (capacityBytes > 0 && usedBytes >= 0) {
      text += String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * usedBytes / capacityBytes));
    }
    return text;
  }
}
