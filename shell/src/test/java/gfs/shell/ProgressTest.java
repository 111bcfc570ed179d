package gfs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long MIB = 1 << 20;

  @Test
  void theLineShowsPercentBarBytesRateAndTimeLeft() {
    assertEquals("put big.bin  25% [######..................]  50.0 MiB / 200.0 MiB  10.0 MiB/s"
        + "  ETA 0:15", Progress.line("put big.bin", 50 * MIB, 200 * MIB, 5_000_000_000L));
    assertEquals("get x 100% [########################]  1.0 GiB / 1.0 GiB  10.2 MiB/s  in 1:40",
        Progress.line("get x", 1024 * MIB, 1024 * MIB, 100_000_000_000L));
    assertEquals("cp d/   0% [........................]  0 B / 20.0 MiB  0 B/s  ETA -",
        Progress.line("cp d/", 0, 20 * MIB, 0));
    assertEquals("1:02:03", Progress.clock(3723));
  }

  @Test
  void redrawsInPlaceAtMostFiveTimesASecondAndEndsWithALine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "put f",
        100 * MIB, now::get);
    progress.add(10 * MIB);           // too soon after the start: not drawn
    now.set(300_000_000L);
    progress.add(10 * MIB);
    now.set(400_000_000L);
    progress.add(10 * MIB);           // 100 ms after the last: not drawn
    progress.add(70 * MIB);
    progress.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, text.split("\r", -1).length - 1, text);
    assertTrue(text.contains("\rput f  20% ["), text);
    assertTrue(text.endsWith("100.0 MiB / 100.0 MiB  250.0 MiB/s  in 0:00\n"), text);
  }

  @Test
  void noBarWithoutTerminalsForSmallTransfersOrWithJson() {
    ShellContext terminal = context(new Terminals(true, true, true));
    assertSame(Progress.NONE, Progress.of(context(Terminals.NONE), false, "put f", 1L << 30));
    assertSame(Progress.NONE, Progress.of(context(new Terminals(true, false, true)), false, "f", 1L << 30),
        "stdout piped");
    assertSame(Progress.NONE, Progress.of(terminal, true, "put f", 1L << 30), "--json");
    assertSame(Progress.NONE, Progress.of(terminal, false, "put f", Progress.MIN_BYTES - 1));
    assertTrue(Progress.of(terminal, false, "put f", Progress.MIN_BYTES) != Progress.NONE);
  }

  private static ShellContext context(Terminals terminals) {
    return new ShellContext(System.in, new ByteArrayOutputStream(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(),
        Path.of("/tmp"), terminals);
  }
}
