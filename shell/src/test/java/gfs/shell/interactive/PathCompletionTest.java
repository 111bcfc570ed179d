package gfs.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.shell.interactive.PathCompletion.Completion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path completion over a real directory tree (the local lister; the remote one is in the IT). */
class PathCompletionTest {
  @TempDir Path dir;

  private List<Completion> complete(String word, boolean directoriesOnly) throws Exception {
    Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/dump.txt"), "x");
    Files.writeString(dir.resolve("data/.hidden"), "x");
    Files.writeString(dir.resolve("dog"), "x");
    return PathCompletion.complete(word, directoriesOnly, PathCompletion::listLocal);
  }

  @Test
  void namesInTheWordsDirectoryStartingWithItsLastPartDirectoriesWithASlash() throws Exception {
    String base = dir + "/";
    assertEquals(List.of(new Completion(base + "data/", "data/", false),
        new Completion(base + "dog", "dog", true)), complete(base + "d", false));
    assertEquals(List.of(new Completion(base + "data/dump.txt", "dump.txt", true)),
        complete(base + "data/du", false));
    assertEquals(List.of(new Completion(base + "data/sub/", "sub/", false)),
        complete(base + "data/", true), "directories only (cd)");
    assertEquals(List.of(new Completion(base + "data/.hidden", ".hidden", true)),
        complete(base + "data/.", false), "dot names only when asked for");
  }

  @Test
  void nothingWhenTheDirectoryCannotBeListed() throws Exception {
    assertEquals(List.of(), complete(dir + "/nope/x", false));
  }
}
