package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import gfs.shell.Progress;
import gfs.shell.Streams;
import java.io.InputStream;
import java.io.OutputStream;

/** Writing a whole new gfs file from a stream, as put and cp do. */
final class NewRemoteFile {
  private NewRemoteFile() {}

  /**
   * Creates target (and missing parents) and copies in into it; returns the bytes written. With
   * overwrite an existing file of that name is deleted first (a directory never is). If the copy
   * fails the partly written file is deleted, so a retry needs no -f.
   */
  static long write(GfsClient client, String target, int replication, boolean overwrite,
      InputStream in, Progress progress) throws Exception {
    if (overwrite) {
      deleteExistingFile(client, target);
    }
    client.create(target, replication, true);
    boolean done = false;
    try {
      long bytes;
      try (OutputStream remoteOut = client.openOutputStream(target)) {
        bytes = Streams.copy(in, remoteOut, progress);
      }
      done = true;
      return bytes;
    } finally {
      if (!done) {
        deleteQuietly(client, target);
      }
    }
  }

  private static void deleteExistingFile(GfsClient client, String target) throws Exception {
    FileStatus existing;
    try {
      existing = client.stat(target);
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return;
      }
      throw e;
    }
    if (existing.directory()) {
      throw new CommandFailedException(target + " is a directory; -f replaces files only");
    }
    client.delete(target, false);
  }

  private static void deleteQuietly(GfsClient client, String target) {
    try {
      client.delete(target, false);
    } catch (GfsException cleanupFailure) {
      // The copy's own error is the one to report; the partial file stays visible.
    }
  }
}
