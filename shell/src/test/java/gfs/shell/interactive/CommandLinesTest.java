package gfs.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gfs.shell.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
  @Test
  void semicolonsAndLineEndsSeparateCommandsAndBlanksSeparateWords() throws Exception {
    assertEquals(List.of(List.of("ls", "-l", "/a"), List.of("cd", "/b"), List.of("pwd")),
        CommandLines.split("ls  -l\t/a; cd /b\npwd;;"));
    assertEquals(List.of(), CommandLines.split("  ;\n  "));
  }

  @Test
  void quotesAndBackslashesKeepBlanksAndSeparators() throws Exception {
    assertEquals(List.of(List.of("put", "-", "/a b;c", "it's", "x\"y", "a\\b", "$HOME")),
        CommandLines.split("put - '/a b;c' \"it's\" \"x\\\"y\" a\\\\b '$HOME'"));
    assertEquals(List.of(List.of("ls", "/a b")), CommandLines.split("ls /a\\ b"));
    assertEquals(List.of(List.of("ls", "")), CommandLines.split("ls ''"), "an empty quoted word");
  }

  @Test
  void aHashStartingAWordCommentsOutTheRestOfTheLine() throws Exception {
    assertEquals(List.of(List.of("ls", "/a#b"), List.of("pwd")),
        CommandLines.split("# a script\nls /a#b # the listing\npwd"));
  }

  @Test
  void anUnterminatedQuoteIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> CommandLines.split("ls '/a"));
    assertEquals("unterminated ' quote in: ls '/a", e.getMessage());
    assertThrows(UsageException.class, () -> CommandLines.split("ls \"/a"));
  }
}
