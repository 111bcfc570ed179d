package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.CommandFailedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each stdin line is one record, newline included, and never longer than the limit. */
class LineRecordsTest {
  private static List<String> records(String input, long limit) throws Exception {
    LineRecords lines = new LineRecords(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), limit);
    List<String> records = new ArrayList<>();
    byte[] record;
    while ((record = lines.next()) != null) {
      records.add(new String(record, StandardCharsets.UTF_8));
    }
    return records;
  }

  @Test
  void linesKeepTheirNewline() throws Exception {
    assertEquals(List.of("a\n", "\n", "bc\n"), records("a\n\nbc\n", 100));
  }

  @Test
  void lastLineWithoutNewlineGetsOne() throws Exception {
    assertEquals(List.of("a\n", "b\n"), records("a\nb", 100));
  }

  @Test
  void emptyInputHasNoRecords() throws Exception {
    assertEquals(List.of(), records("", 100));
  }

  @Test
  void lineOfExactlyTheLimitPasses() throws Exception {
    assertEquals(List.of("abc\n"), records("abc\n", 4));
    assertEquals(List.of("abc\n"), records("abc", 4));
  }

  @Test
  void lineOverTheLimitIsRefusedNamingItsNumber() throws Exception {
    LineRecords lines = new LineRecords(
        new ByteArrayInputStream("ok\ntoo long\n".getBytes(StandardCharsets.UTF_8)), 4);
    assertArrayEquals("ok\n".getBytes(StandardCharsets.UTF_8), lines.next());
    CommandFailedException e = assertThrows(CommandFailedException.class, lines::next);
    assertTrue(e.getMessage().startsWith("line 2 of the input is over the record limit of 4 bytes"),
        e.getMessage());
  }

  @Test
  void unterminatedLineOverTheLimitIsRefused() {
    assertThrows(CommandFailedException.class, () -> records("abcd", 4));
  }

  @Test
  void linesLongerThanTheReadBufferStayWhole() throws Exception {
    String longLine = "x".repeat(200_000) + "\n";
    List<String> records = records(longLine + "y\n", 300_000);
    assertEquals(2, records.size());
    assertEquals(longLine, records.get(0));
    assertEquals("y\n", records.get(1));
  }

  @Test
  void hugeLineIsRefusedWithoutReadingItWhole() {
    // A line of 10 MB against a 1 KB limit: refused after the first buffer, not buffered whole.
    byte[] input = new byte[10 << 20];
    java.util.Arrays.fill(input, (byte) 'x');
    LineRecords lines = new LineRecords(new ByteArrayInputStream(input), 1024);
    assertThrows(CommandFailedException.class, lines::next);
  }

  @Test
  void recordNumbersCountReturnedLines() throws Exception {
    LineRecords lines = new LineRecords(
        new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), 10);
    lines.next();
    lines.next();
    assertEquals(2, lines.lineNumber());
    assertNull(lines.next());
  }
}
