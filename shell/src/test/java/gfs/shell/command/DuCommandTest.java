package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DuCommandTest {
  @Test
  void everyEntryIsSummedIntoTheEntryOfTheDirectoryItIsBelow() {
    assertEquals("/d/a", DuCommand.topLevel("/d/", "/d/a"));
    assertEquals("/d/a", DuCommand.topLevel("/d/", "/d/a/b/c"));
    assertEquals("/x", DuCommand.topLevel("/", "/x/y"));
  }
}
