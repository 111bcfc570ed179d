package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.FileStatus;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsCommandTest {
  private static final FileStatus LIVE = new FileStatus("/d/a", false, 10, 3, "ops", 0644, 0, 1, 1 << 20, 0);
  private static final FileStatus DELETED = new FileStatus("/d/b", false, 10, 3, "ops", 0644, 0, 1, 1 << 20,
      86_400_000L, "/.trash/86400000.7.b");

  @Test
  void aDeletedEntryShowsWhenItWasDeletedAndItsTrashName() {
    assertEquals("a", LsCommand.shortLine(LIVE, ZoneOffset.UTC));
    assertEquals("b  (deleted 1970-01-02 00:00, /.trash/86400000.7.b)",
        LsCommand.shortLine(DELETED, ZoneOffset.UTC));
  }

  @Test
  void theLongTableGainsDeletionColumnsOnlyWhenSomethingIsDeleted() {
    List<String> plain = LsCommand.longTable(List.of(LIVE), ZoneOffset.UTC).lines();
    assertTrue(!plain.get(0).contains("TRASH NAME"), plain.get(0));
    List<String> withDeleted = LsCommand.longTable(List.of(LIVE, DELETED), ZoneOffset.UTC).lines();
    assertTrue(withDeleted.get(0).contains("TRASH NAME"), withDeleted.get(0));
    assertTrue(withDeleted.get(2).endsWith("/.trash/86400000.7.b"), withDeleted.get(2));
  }

  @Test
  void theRecursiveTableNamesEachEntryByItsFullPath() {
    FileStatus directory = new FileStatus("/d/sub", true, 0, 0, "ops", 0755, 0, 0, 0, 0);
    List<String> lines = LsCommand.table(List.of(new RemoteTree.Entry("/d/a", LIVE),
        new RemoteTree.Entry("/d/sub", directory)), ZoneOffset.UTC).lines();
    assertTrue(lines.get(1).endsWith(" /d/a"), lines.get(1));
    assertTrue(lines.get(2).startsWith("drwxr-xr-x ") && lines.get(2).endsWith(" /d/sub/"), lines.get(2));
  }
}
