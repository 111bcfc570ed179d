package gfs.client.common;

import gfs.client.GfsException;

/**
 * Path rules, checked on the client so that a typo fails at once with a clear message
 * instead of a round trip: absolute, no empty components, no "." or "..".
 */
public final class GfsPaths {
  private GfsPaths() {}

  /** Returns the path when valid, else throws INVALID_ARGUMENT naming it and the rule broken. */
  public static String validate(String path) throws GfsException {
    if (path == null || path.isEmpty()) {
      throw invalid(path, "is empty");
    }
    if (path.charAt(0) != '/') {
      throw invalid(path, "is not absolute (must start with '/')");
    }
    if (path.indexOf('\0') >= 0) {
      throw invalid(path, "contains a NUL character");
    }
    if (path.equals("/")) {
      return path;
    }
    if (path.endsWith("/")) {
      throw invalid(path, "ends with '/'");
    }
    for (String component : path.substring(1).split("/", -1)) {
      if (component.isEmpty()) {
        throw invalid(path, "has an empty component ('//')");
      }
      if (component.equals(".") || component.equals("..")) {
        throw invalid(path, "has a '" + component + "' component");
      }
    }
    return path;
  }

  /** True when path is ancestor itself or lies under it. Both must be valid. */
  public static boolean isSameOrUnder(String path, String ancestor) {
    if (ancestor.equals("/")) {
      return true;
    }
    return path.equals(ancestor) || path.startsWith(ancestor + "/");
  }

  private static GfsException invalid(String path, String why) {
    return new GfsException(GfsException.Kind.INVALID_ARGUMENT,
        "invalid path '" + path + "': " + why);
  }
}
