package gfs.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void modeLikeLs() {
    assertEquals("drwxr-xr-x", Formats.mode(true, 0755));
    assertEquals("-rw-r-----", Formats.mode(false, 0640));
    assertEquals("0644", Formats.octalMode(0644));
  }

  @Test
  void agesReadableAtEveryScale() {
    assertEquals("-", Formats.age(-1));
    assertEquals("0.4s", Formats.age(400));
    assertEquals("45s", Formats.age(45_000));
    assertEquals("3m05s", Formats.age(185_000));
    assertEquals("2h04m", Formats.age((2 * 60 + 4) * 60_000L));
    assertEquals("3d02h", Formats.age((3 * 24 + 2) * 3_600_000L));
  }

  @Test
  void timesToTheMinuteAndUnknownAsDash() {
    assertEquals("1970-01-02 00:01", Formats.time(86_460_000L, ZoneOffset.UTC));
    assertEquals("-", Formats.time(0, ZoneOffset.UTC));
  }

  @Test
  void usageWithPercent() {
    assertEquals("1.0 MiB / 4.0 MiB (25%)", Formats.usage(1 << 20, 4 << 20));
    assertEquals("0 B / -", Formats.usage(0, -1));
  }
}
