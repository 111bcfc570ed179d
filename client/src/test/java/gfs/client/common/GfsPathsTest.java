package gfs.client.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GfsPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/a", "/a/b/c", "/a.b/..c/c..", "/with space/x", "/.hidden"})
  void acceptsAbsolutePathsWithoutEmptyOrDotComponents(String path) throws GfsException {
    assertEquals(path, GfsPaths.validate(path));
  }

  @Test
  void rejectsRelativePathNamingIt() {
    GfsException e = assertThrows(GfsException.class, () -> GfsPaths.validate("a/b"));
    assertEquals(GfsException.Kind.INVALID_ARGUMENT, e.kind());
    assertEquals("invalid path 'a/b': is not absolute (must start with '/')", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a//b", "//", "/a/", "/a/b/"})
  void rejectsEmptyComponents(String path) {
    GfsException e = assertThrows(GfsException.class, () -> GfsPaths.validate(path));
    assertEquals(GfsException.Kind.INVALID_ARGUMENT, e.kind());
    assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a/./b", "/a/..", "/..", "/.", "/a/../b"})
  void rejectsDotComponents(String path) {
    GfsException e = assertThrows(GfsException.class, () -> GfsPaths.validate(path));
    assertTrue(e.getMessage().startsWith("invalid path '" + path + "': has a '."),
        e.getMessage());
  }

  @Test
  void rejectsEmptyAndNull() {
    assertThrows(GfsException.class, () -> GfsPaths.validate(""));
    assertThrows(GfsException.class, () -> GfsPaths.validate(null));
    assertThrows(GfsException.class, () -> GfsPaths.validate("/a\0b"));
  }

  @Test
  void sameOrUnderComparesWholeComponents() {
    assertTrue(GfsPaths.isSameOrUnder("/a/b", "/a"));
    assertTrue(GfsPaths.isSameOrUnder("/a", "/a"));
    assertTrue(GfsPaths.isSameOrUnder("/x", "/"));
    assertFalse(GfsPaths.isSameOrUnder("/ab", "/a"));
    assertFalse(GfsPaths.isSameOrUnder("/a", "/a/b"));
  }
}
