package gfs.shell.interactive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Completions of a path word, remote or local: the directory part of the word is listed and
 * the names in it that start with the rest are offered, directories with a trailing '/' (so
 * completion can go on into them) and files as complete words.
 */
final class PathCompletion {
  /** Names offered at most from one directory. */
  static final int MAX_CANDIDATES = 1000;

  /** One name in a listed directory. */
  record Name(String name, boolean directory) {}

  /** A completed word: value replaces the word typed; display is what the list shows. */
  record Completion(String value, String display, boolean complete) {}

  /** Lists a directory named as typed (absolute, or relative to the current one). */
  interface Lister {
    List<Name> list(String directoryWord) throws Exception;
  }

  private PathCompletion() {}

  /**
   * The completions of word: "/da" lists "/" for names starting with "da", "data/s" lists
   * "data/" for names starting with "s", "" lists the current directory. Names starting with
   * '.' only when the word's last part does. Nothing when the listing fails.
   */
  static List<Completion> complete(String word, boolean directoriesOnly, Lister lister) {
    int slash = word.lastIndexOf('/');
    String directoryPart = word.substring(0, slash + 1);
    String prefix = word.substring(slash + 1);
    List<Name> names;
    try {
      names = lister.list(directoryPart);
    } catch (Exception e) {
      return List.of(); // no cluster, no such directory, too slow: nothing to offer
    }
    List<Completion> completions = new ArrayList<>();
    for (Name entry : names) {
      if (!entry.name().startsWith(prefix) || (directoriesOnly && !entry.directory())
          || (entry.name().startsWith(".") && !prefix.startsWith("."))) {
        continue;
      }
      String shown = entry.name() + (entry.directory() ? "/" : "");
      completions.add(new Completion(directoryPart + shown, shown, !entry.directory()));
      if (completions.size() == MAX_CANDIDATES) {
        break;
      }
    }
    return completions;
  }

  /** Local directories, relative to the process's working directory. */
  static List<Name> listLocal(String directoryWord) throws IOException {
    Path directory = Path.of(directoryWord.isEmpty() ? "." : directoryWord);
    List<Name> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        names.add(new Name(entry.getFileName().toString(), Files.isDirectory(entry)));
        if (names.size() > MAX_CANDIDATES * 10) {
          break;
        }
      }
    }
    names.sort(java.util.Comparator.comparing(Name::name));
    return names;
  }
}
