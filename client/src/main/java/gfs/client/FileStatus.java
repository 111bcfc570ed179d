package gfs.client;

/**
 * What the master knows of a file or directory.
 *
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
    long deletedAtMs) {

  public String name() {
    if (path.equals("/")) {
      return "/";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
