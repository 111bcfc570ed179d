package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.UsageException;
import org.junit.jupiter.api.Test;

class RemotePathsTest {
  @Test
  void namesChildrenAndParents() {
    assertEquals("b", RemotePaths.name("/a/b"));
    assertEquals("b", RemotePaths.name("/a/b/"));
    assertEquals("a.txt", RemotePaths.name("/a.txt"));
    assertEquals("/d/x", RemotePaths.child("/d", "x"));
    assertEquals("/d/x", RemotePaths.child("/d/", "x"));
    assertEquals("/x", RemotePaths.child("/", "x"));
    assertEquals("/a", RemotePaths.parent("/a/b"));
    assertEquals("/", RemotePaths.parent("/a"));
    assertEquals("/", RemotePaths.parent("/"));
  }

  @Test
  void relativePathsResolveAgainstTheCurrentDirectory() throws Exception {
    assertEquals("/home/data", RemotePaths.resolve("/home", "data"));
    assertEquals("/data", RemotePaths.resolve("/", "data"));
    assertEquals("/home/a/b", RemotePaths.resolve("/home", "./a//b/"));
    assertEquals("/", RemotePaths.resolve("/home", ".."));
    assertEquals("/", RemotePaths.resolve("/", "../.."), ".. of / is /");
    assertEquals("/home", RemotePaths.resolve("/home", "."));
    assertEquals("/etc/x", RemotePaths.resolve("/home", "/etc/../etc/./x"));
    assertEquals("/.trash/1.2.f", RemotePaths.resolve("/d", "/.trash/1.2.f"), "dot names are names");
    assertEquals("/", RemotePaths.resolve("/home", "/"));
  }

  @Test
  void anEmptyPathIsAUsageError() {
    assertThrows(UsageException.class, () -> RemotePaths.resolve("/", ""));
  }

  @Test
  void atOrBelow() {
    assertTrue(RemotePaths.isAtOrBelow("/a/b", "/a"));
    assertTrue(RemotePaths.isAtOrBelow("/a", "/a/"));
    assertTrue(RemotePaths.isAtOrBelow("/x", "/"));
    assertFalse(RemotePaths.isAtOrBelow("/ab", "/a"));
  }
}
