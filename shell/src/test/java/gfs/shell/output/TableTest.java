package gfs.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsAreAlignedNumbersRightWithoutTrailingBlanks() {
    Table table = new Table().left("ID").left("ADDRESS").right("CHUNKS").left("STATE");
    table.row("chunkserver-1", "127.0.0.1:7301", 5, "LIVE");
    table.row("cs-2", "127.0.0.1:7302", 12345, "DEAD");
    assertEquals(List.of(
        "ID             ADDRESS         CHUNKS  STATE",
        "chunkserver-1  127.0.0.1:7301       5  LIVE",
        "cs-2           127.0.0.1:7302   12345  DEAD"), table.lines());
  }

  @Test
  void lastLeftColumnIsNotPaddedAndNullShowsAsDash() {
    Table table = new Table().left("A").left("NAME");
    table.row("x", "long-name");
    table.row("y", null);
    assertEquals(List.of("A  NAME", "x  long-name", "y  -"), table.lines());
  }

  @Test
  void emptyTableIsItsHeader() {
    assertEquals(List.of("ID  ROLE"), new Table().left("ID").left("ROLE").lines());
  }

  @Test
  void rowOfWrongWidthIsRefused() {
    Table table = new Table().left("A").left("B");
    assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
  }
}
