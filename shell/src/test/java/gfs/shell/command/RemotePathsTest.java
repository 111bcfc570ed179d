package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gfs.shell.UsageException;
import org.junit.jupiter.api.Test;

class RemotePathsTest {
  @Test
  void namesAndChildren() throws Exception {
    assertEquals("b", RemotePaths.name("/a/b"));
    assertEquals("b", RemotePaths.name("/a/b/"));
    assertEquals("a.txt", RemotePaths.name("/a.txt"));
    assertEquals("/d/x", RemotePaths.child("/d", "x"));
    assertEquals("/d/x", RemotePaths.child("/d/", "x"));
    assertEquals("/x", RemotePaths.child("/", "x"));
    assertEquals("/", RemotePaths.absolute("/"));
  }

  @Test
  void relativePathsAreRefused() {
    assertThrows(UsageException.class, () -> RemotePaths.absolute("a/b"));
    assertThrows(UsageException.class, () -> RemotePaths.absolute(""));
  }
}
