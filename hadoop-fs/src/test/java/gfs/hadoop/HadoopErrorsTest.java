package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsException;
import gfs.client.GfsException.Kind;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;

class HadoopErrorsTest {
  private static IOException translate(Kind kind) {
    GfsException e = new GfsException(kind, "/a/b: " + kind);
    IOException translated = HadoopErrors.translate(e);
    assertTrue(translated.getMessage().contains("/a/b: " + kind), translated.getMessage());
    if (translated != e) {
      assertSame(e, translated.getCause(), "the gfs exception stays the cause");
    }
    return translated;
  }

  @Test
  void namespaceErrorsBecomeHadoopsExceptions() {
    assertInstanceOf(FileNotFoundException.class, translate(Kind.NOT_FOUND));
    assertInstanceOf(FileAlreadyExistsException.class, translate(Kind.ALREADY_EXISTS));
    assertInstanceOf(ParentNotDirectoryException.class, translate(Kind.NOT_A_DIRECTORY));
    assertInstanceOf(PathIsDirectoryException.class, translate(Kind.IS_A_DIRECTORY));
    assertInstanceOf(PathIsNotEmptyDirectoryException.class, translate(Kind.DIRECTORY_NOT_EMPTY));
    assertInstanceOf(AccessControlException.class, translate(Kind.PERMISSION_DENIED));
    assertInstanceOf(ChecksumException.class, translate(Kind.CHECKSUM_MISMATCH));
  }

  @Test
  void kindsWithoutAHadoopClassStayGfsExceptions() {
    for (Kind kind : new Kind[] {Kind.UNAVAILABLE, Kind.SAFE_MODE, Kind.WRITE_FAILED,
        Kind.DISK_FULL, Kind.INVALID_ARGUMENT, Kind.INTERNAL}) {
      assertInstanceOf(GfsException.class, translate(kind), kind.name());
    }
  }
}
