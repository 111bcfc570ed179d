package gfs.shell;

import gfs.shell.output.Formats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for a large transfer (put, get, cp), redrawn in place on stderr: percent, a
 * bar, bytes done of the total, rate and time left. Drawn only when stdout and stderr are
 * terminals, the total is known and at least {@link #MIN_BYTES}, and never with --json; the
 * final line stays, with the average rate.
 */
public final class Progress {
  /** Transfers smaller than this finish too fast to need a bar. */
  public static final long MIN_BYTES = 16L << 20;
  /** Redraws at most this often. */
  static final long REDRAW_INTERVAL_NANOS = 200_000_000L;
  static final int BAR_CELLS = 24;

  /** Does nothing: small transfers, pipes, --json. */
  public static final Progress NONE = new Progress(null, "", 0, System::nanoTime);

  private final PrintStream err;
  private final String label;
  private final long totalBytes;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long doneBytes;
  private long lastDrawNanos;
  private int lastWidth;

  Progress(PrintStream err, String label, long totalBytes, LongSupplier nanoClock) {
    this.err = err;
    this.label = label;
    this.totalBytes = totalBytes;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /** Whether a bar may be drawn at all: on terminals, without --json. */
  public static boolean wanted(ShellContext context, boolean json) {
    return !json && context.terminals().stderr() && context.terminals().stdout();
  }

  /** A bar for totalBytes on the context's stderr, or {@link #NONE} when none belongs there. */
  public static Progress of(ShellContext context, boolean json, String label, long totalBytes) {
    if (!wanted(context, json) || totalBytes < MIN_BYTES) {
      return NONE;
    }
    return new Progress(context.err(), label, totalBytes, System::nanoTime);
  }

  public void add(long bytes) {
    if (err == null) {
      return;
    }
    doneBytes += bytes;
    long now = nanoClock.getAsLong();
    if (now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
      lastDrawNanos = now;
      draw(line(label, doneBytes, totalBytes, now - startNanos), false);
    }
  }

  /** The last line: everything done, with the average rate; a newline ends the bar. */
  public void finish() {
    if (err == null) {
      return;
    }
    draw(line(label, doneBytes, totalBytes, nanoClock.getAsLong() - startNanos), true);
  }

  /** Leaves the bar where it stopped (the error comes on the next line). */
  public void abandon() {
    if (err != null && lastWidth > 0) {
      err.println();
    }
  }

  private void draw(String text, boolean last) {
    String padding = " ".repeat(Math.max(0, lastWidth - text.length()));
    err.print("\r" + text + padding + (last ? "\n" : ""));
    err.flush();
    lastWidth = text.length();
  }

  /** "put big.bin   42% [##########..............]  84.0 MiB / 200.0 MiB  31.2 MiB/s  ETA 0:04". */
  static String line(String label, long doneBytes, long totalBytes, long elapsedNanos) {
    double fraction = totalBytes <= 0 ? 1 : Math.min(1.0, (double) doneBytes / totalBytes);
    int filled = (int) Math.round(fraction * BAR_CELLS);
    double seconds = elapsedNanos / 1e9;
    long bytesPerSecond = seconds > 0 ? (long) (doneBytes / seconds) : 0;
    String eta;
    if (doneBytes >= totalBytes) {
      eta = "in " + clock(Math.round(seconds));
    } else if (bytesPerSecond > 0) {
      eta = "ETA " + clock((totalBytes - doneBytes + bytesPerSecond - 1) / bytesPerSecond);
    } else {
      eta = "ETA -";
    }
    return String.format(Locale.ROOT, "%s %3d%% [%s%s]  %s / %s  %s/s  %s", label,
        (int) Math.floor(fraction * 100), "#".repeat(filled), ".".repeat(BAR_CELLS - filled),
        Formats.size(doneBytes), Formats.size(totalBytes), Formats.size(bytesPerSecond), eta);
  }

  /** 0:04, 12:30, 1:02:03. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
