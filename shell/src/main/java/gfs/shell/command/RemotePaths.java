package gfs.shell.command;

import gfs.shell.UsageException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path names in gfs: absolute, '/'-separated, no trailing slash except the root. On the command
 * line a relative path is taken from the current directory: the one `cd` set in `gfs shell`,
 * and / for a one-shot `gfs COMMAND`.
 */
public final class RemotePaths {
  private RemotePaths() {}

  /**
   * path made absolute against directory, with "." and ".." resolved (".." of / is /),
   * repeated and trailing slashes dropped: "data/" in /home is /home/data.
   */
  public static String resolve(String directory, String path) throws UsageException {
    if (path == null || path.isEmpty()) {
      throw new UsageException("empty gfs path");
    }
    String full = path.startsWith("/") ? path : directory + "/" + path;
    Deque<String> names = new ArrayDeque<>();
    for (String name : full.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        names.pollLast();
      } else {
        names.addLast(name);
      }
    }
    return "/" + String.join("/", names);
  }

  /** The last component: name("/a/b") = "b"; name("/a/b/") = "b". */
  public static String name(String path) {
    String trimmed = withoutTrailingSlash(path);
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  public static String child(String directory, String name) {
    return directory.endsWith("/") ? directory + name : directory + "/" + name;
  }

  /** The parent of an absolute path; the parent of / is /. */
  public static String parent(String path) {
    String trimmed = withoutTrailingSlash(path);
    int slash = trimmed.lastIndexOf('/');
    return slash <= 0 ? "/" : trimmed.substring(0, slash);
  }

  /** "/a/b/" -> "/a/b"; "/" stays. */
  public static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Whether path is ancestor itself or below it. */
  public static boolean isAtOrBelow(String path, String ancestor) {
    String a = withoutTrailingSlash(ancestor);
    String p = withoutTrailingSlash(path);
    return p.equals(a) || p.startsWith(a.equals("/") ? "/" : a + "/");
  }
}
