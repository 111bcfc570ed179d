package gfs.hadoop;

/**
 * Where {@code FileSystem.createSnapshot(dir, name)} puts a snapshot. A gfs snapshot is a
 * copy-on-write copy to a path of the caller's choice, which may not lie inside its source, so
 * HDFS's "dir/.snapshot/name" cannot be used; snapshots go under one root instead:
 * ROOT + dir + "/" + name (for /data/logs named s1 with the default root:
 * /.snapshots/data/logs/s1). The root is fs.gfs.snapshot.root.
 */
public final class SnapshotPaths {
  public static final String DEFAULT_ROOT = "/.snapshots";

  private SnapshotPaths() {}

  /** The snapshot's path for source (a gfs path) and name. */
  public static String of(String root, String source, String name) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("snapshot name '" + name + "' of " + source
          + " must be one non-empty path component");
    }
    if (source.equals("/")) {
      throw new IllegalArgumentException("cannot snapshot /: a snapshot may not lie inside its"
          + " source, and every path is inside /");
    }
    String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    if (source.equals(base) || source.startsWith(base + "/")) {
      throw new IllegalArgumentException("cannot snapshot " + source + ": it is inside the"
          + " snapshot root " + base + " (" + GfsFsConfig.SNAPSHOT_ROOT + ")");
    }
    return base + source + "/" + name;
  }
}
