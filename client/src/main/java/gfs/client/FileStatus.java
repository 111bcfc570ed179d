package gfs.client;

/**
 * What the master knows of a file or directory.
 *
 * @param deletedAtMs when it was deleted (0 for a live entry)
 * @param deletedPath for a deleted entry, its name in the trash ("/.trash/..."): what
 *     {@link GfsClient#restore} and {@link GfsClient#delete} (reclaim at once) take; "" otherwise
 * @param length bytes; for files as last reported by chunkserver heartbeats (may lag a
 *     write by a heartbeat interval); {@link GfsClient#length} asks the replicas instead
 */
public record FileStatus(
    String path,
    boolean directory,
    long length,
    int replication,
    String owner,
    int mode,
    long modificationTimeMs,
    long chunkCount,
    long chunkSizeBytes,
    long deletedAtMs,
    String deletedPath) {

  /** A live entry. */
  public FileStatus(String path, boolean directory, long length, int replication, String owner,
      int mode, long modificationTimeMs, long chunkCount, long chunkSizeBytes, long deletedAtMs) {
    this(path, directory, length, replication, owner, mode, modificationTimeMs, chunkCount,
        chunkSizeBytes, deletedAtMs, "");
  }

  public boolean deleted() {
    return deletedAtMs > 0;
  }

  public String name() {
    if (path.equals("/")) {
      return "/";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
