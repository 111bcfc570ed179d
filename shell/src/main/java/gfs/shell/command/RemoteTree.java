package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** Everything below a gfs directory, depth first: each directory followed by what it holds. */
final class RemoteTree {
  /** An entry and its full path (a deleted entry keeps the path it had). */
  record Entry(String path, FileStatus status) {}

  private RemoteTree() {}

  /**
   * The entries below path in name order, each directory's contents right after it; a file
   * path gives the file alone. Deleted directories (includeDeleted) are listed, not entered.
   */
  static List<Entry> walk(GfsClient client, String path, boolean includeDeleted)
      throws GfsException {
    String root = RemotePaths.withoutTrailingSlash(path);
    List<Entry> entries = new ArrayList<>();
    FileStatus top = client.stat(root);
    if (!top.directory()) {
      return List.of(new Entry(root, top));
    }
    Deque<Level> levels = new ArrayDeque<>();
    levels.push(new Level(root, client.list(root, includeDeleted)));
    while (!levels.isEmpty()) {
      Level level = levels.peek();
      if (!level.contents.hasNext()) {
        levels.pop();
        continue;
      }
      FileStatus status = level.contents.next();
      String child = RemotePaths.child(level.directory, status.name());
      entries.add(new Entry(child, status));
      if (status.directory() && !status.deleted()) {
        levels.push(new Level(child, client.list(child, includeDeleted)));
      }
    }
    return entries;
  }

  /** The files below path (or path itself when it is a file), with their status. */
  static List<Entry> files(GfsClient client, String path) throws GfsException {
    List<Entry> files = new ArrayList<>();
    for (Entry entry : walk(client, path, false)) {
      if (!entry.status().directory()) {
        files.add(entry);
      }
    }
    return files;
  }

  private static final class Level {
    final String directory;
    final Iterator<FileStatus> contents;

    Level(String directory, List<FileStatus> contents) {
      this.directory = directory;
      this.contents = contents.iterator();
    }
  }
}
