package gfs.shell.command;

import gfs.shell.UsageException;

/** Path names in gfs: absolute, '/'-separated, no trailing slash except the root. */
final class RemotePaths {
  private RemotePaths() {}

  /** Refuses a relative path: gfs has no working directory. */
  static String absolute(String path) throws UsageException {
    if (path == null || !path.startsWith("/")) {
      throw new UsageException("gfs path '" + path + "' is not absolute (it must start with /)");
    }
    return path;
  }

  /** The last component: name("/a/b") = "b"; name("/a/b/") = "b". */
  static String name(String path) {
    String trimmed = path.endsWith("/") && path.length() > 1
        ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  static String child(String directory, String name) {
    return directory.endsWith("/") ? directory + name : directory + "/" + name;
  }
}
