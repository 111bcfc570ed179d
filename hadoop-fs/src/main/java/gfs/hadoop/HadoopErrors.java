package gfs.hadoop;

import gfs.client.GfsException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.security.AccessControlException;

/**
 * GfsException into the IOException subclass Hadoop callers test for (FileSystem contract:
 * filesystem.md). The gfs message, which already names the path, is kept; the GfsException is
 * the cause, so its kind stays reachable. Kinds Hadoop has no class for (unavailable, safe mode,
 * a failed write, a full disk) stay the GfsException itself: it is an IOException already.
 */
public final class HadoopErrors {
  private HadoopErrors() {}

  public static IOException translate(GfsException e) {
    IOException translated = switch (e.kind()) {
      case NOT_FOUND -> new FileNotFoundException(e.getMessage());
      case ALREADY_EXISTS -> new FileAlreadyExistsException(e.getMessage());
      case NOT_A_DIRECTORY -> new ParentNotDirectoryException(e.getMessage());
      case IS_A_DIRECTORY -> new PathIsDirectoryException(e.getMessage());
      case DIRECTORY_NOT_EMPTY -> new PathIsNotEmptyDirectoryException(e.getMessage());
      case PERMISSION_DENIED -> new AccessControlException(e.getMessage());
      case CHECKSUM_MISMATCH -> new ChecksumException(e.getMessage(), -1);
      default -> null;
    };
    if (translated == null) {
      return e;
    }
    translated.initCause(e);
    return translated;
  }
}
