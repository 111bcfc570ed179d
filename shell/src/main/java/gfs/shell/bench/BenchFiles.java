package gfs.shell.bench;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;

/** Removing a benchmark's files so that they free their space at once. */
public final class BenchFiles {
  static final int REMOVE_ATTEMPTS = 3;
  static final long REMOVE_RETRY_MS = 2_000;

  private BenchFiles() {}

  /**
   * Deletes dir (under parent) and purges it from the trash at once, so the disk does not fill
   * up; a few tries, since a busy master may lose leadership. Throws the last failure.
   */
  public static void deleteAndPurge(GfsClient client, String dir, String parent)
      throws GfsException, InterruptedException {
    GfsException last = null;
    for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
      try {
        try {
          client.delete(dir, true);
        } catch (GfsException e) {
          if (e.kind() != GfsException.Kind.NOT_FOUND) {
            throw e;
          } // deleted by an earlier attempt whose answer was lost
        }
        for (FileStatus entry : client.list(parent, true)) {
          if (entry.deleted() && !entry.deletedPath().isEmpty()) {
            client.delete(entry.deletedPath(), true);
          }
        }
        return;
      } catch (GfsException e) {
        last = e;
        Thread.sleep(REMOVE_RETRY_MS);
      }
    }
    throw last;
  }
}
