package gfs.master.namespace;

import gfs.master.store.Keys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A validated absolute path: "/" or "/a/b" with no empty, "." or ".." components. */
public final class GfsPath {
  public static final int MAX_NAME_BYTES = 255;
  public static final int MAX_PATH_BYTES = 4096;

  /** The hidden directory of deleted entries, addressable as a path but reserved. */
  public static final GfsPath TRASH = new GfsPath("/" + Keys.TRASH_NAME, List.of(Keys.TRASH_NAME));

  private final String text;
  private final List<String> components;

  private GfsPath(String text, List<String> components) {
    this.text = text;
    this.components = components;
  }

  /** Parses a path, or throws InvalidPathException naming what is wrong with it. */
  public static GfsPath parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidPathException("empty path");
    }
    if (!text.startsWith("/")) {
      throw new InvalidPathException("path '" + text + "' is not absolute");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw new InvalidPathException("path '" + text.substring(0, 64) + "...' is longer than "
          + MAX_PATH_BYTES + " bytes");
    }
    List<String> parts = new ArrayList<>();
    String trimmed = text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    if (!trimmed.equals("/")) {
      for (String part : trimmed.substring(1).split("/", -1)) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          throw new InvalidPathException("path '" + text + "' has an empty, '.' or '..' component");
        }
        if (part.indexOf('\0') >= 0) {
          throw new InvalidPathException("path '" + text + "' contains a NUL character");
        }
        if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
          throw new InvalidPathException("path '" + text + "' has a name longer than "
              + MAX_NAME_BYTES + " bytes");
        }
        parts.add(part);
      }
    }
    return new GfsPath(trimmed, List.copyOf(parts));
  }

  public boolean isRoot() {
    return components.isEmpty();
  }

  public List<String> components() {
    return components;
  }

  /** True for /.trash and every path below it. */
  public boolean isInTrash() {
    return !components.isEmpty() && components.get(0).equals(Keys.TRASH_NAME);
  }

  /** True for /.trash itself. */
  public boolean isTrash() {
    return components.size() == 1 && isInTrash();
  }

  public String name() {
    return isRoot() ? "/" : components.get(components.size() - 1);
  }

  public GfsPath parent() {
    if (isRoot()) {
      return this;
    }
    List<String> parentParts = components.subList(0, components.size() - 1);
    return new GfsPath(parentParts.isEmpty() ? "/" : "/" + String.join("/", parentParts),
        List.copyOf(parentParts));
  }

  public String child(String name) {
    return isRoot() ? "/" + name : text + "/" + name;
  }

  /** True when this path is other or lies below it. */
  public boolean isWithin(GfsPath other) {
    if (other.components.size() > components.size()) {
      return false;
    }
    return components.subList(0, other.components.size()).equals(other.components);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GfsPath other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
