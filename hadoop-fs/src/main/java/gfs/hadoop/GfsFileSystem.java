package gfs.hadoop;

import static org.apache.hadoop.fs.impl.PathCapabilitiesSupport.validatePathCapabilityArgs;

import gfs.client.ChunkReplicas;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.CompositeCrcFileChecksum;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.DataChecksum;
import org.apache.hadoop.util.Progressable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hadoop's FileSystem for gfs:// URIs, on the gfs client library. Authority: the masters
 * (gfs://host:port,host:port/) or a cluster name (gfs://NAME/, masters in
 * fs.gfs.cluster.NAME.masters); see {@link GfsFsConfig} and docs/hadoop.md.
 *
 * <p>Semantics are HDFS's where gfs has the same ones (filesystem.md): rename returns false when
 * the source is missing or the destination exists, moves into an existing directory, never
 * overwrites; delete of a missing path returns false; create makes missing parents; a file is
 * visible from create on; bytes are visible to new readers after hflush. What gfs lacks is
 * refused, never faked: concat, permissions and owners (no chmod/chown in gfs), times.
 */
public class GfsFileSystem extends FileSystem {
  private static final Logger LOG = LoggerFactory.getLogger(GfsFileSystem.class);
  /** gfs's built-in chunk size, the block size reported when no master answers. */
  static final long FALLBACK_BLOCK_SIZE = 64L << 20;
  /** gfs keeps one CRC32C per 64 KB block of a chunk: what a composite checksum is made of. */
  static final int BYTES_PER_CRC = 64 << 10;
  /** fs.gfs.replication: replicas of files created without one; 0 = the masters' default. */
  public static final String REPLICATION = GfsFsConfig.PREFIX + "replication";

  private URI uri;
  private GfsFsConfig config;
  private GfsClient client;
  private Path workingDirectory;

  @Override
  public String getScheme() {
    return GfsFsConfig.SCHEME;
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    setConf(conf);
    this.config = GfsFsConfig.resolve(name, conf);
    this.uri = URI.create(GfsFsConfig.SCHEME + "://" + name.getAuthority());
    this.client = GfsClient.connect(config.client());
    this.workingDirectory = getHomeDirectory();
  }

  @Override
  public URI getUri() {
    return uri;
  }

  /** gfs has no delegation tokens: nothing for a job submitter to collect. */
  @Override
  public String getCanonicalServiceName() {
    return null;
  }

  @Override
  public Path getWorkingDirectory() {
    return workingDirectory;
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    workingDirectory = makeQualified(new Path(workingDirectory, dir));
  }

  @Override
  public long getDefaultBlockSize() {
    try {
      return client.chunkSizeBytes();
    } catch (GfsException e) {
      LOG.warn("chunk size of {} unknown ({}); reporting {} bytes", uri, e.getMessage(),
          FALLBACK_BLOCK_SIZE);
      return FALLBACK_BLOCK_SIZE;
    }
  }

  @Override
  public short getDefaultReplication() {
    return (short) getConf().getInt(REPLICATION, 0);
  }

  /** The client this file system uses, for gfs-only calls (record append, restore). */
  public GfsClient client() {
    return client;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    String path = gfsPath(f);
    statistics.incrementReadOps(1);
    try {
      requireFile(path, "open");
      long length = client.length(path);
      return new FSDataInputStream(
          new GfsFsInputStream(client, path, length, config.bufferBytes(), statistics));
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    String path = gfsPath(f);
    statistics.incrementReadOps(1);
    try {
      return toHadoop(client.stat(path));
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /** Files' lengths are asked of their replicas (one call each): heartbeat lengths may lag. */
  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    String path = gfsPath(f);
    statistics.incrementReadOps(1);
    try {
      List<gfs.client.FileStatus> entries = client.list(path);
      FileStatus[] statuses = new FileStatus[entries.size()];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = toHadoop(entries.get(i));
      }
      return statuses;
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len)
      throws IOException {
    if (file == null) {
      return null;
    }
    if (start < 0 || len < 0) {
      throw new IllegalArgumentException("invalid start " + start + " or len " + len
          + " for the block locations of " + file.getPath());
    }
    if (file.isDirectory() || file.getLen() <= start || len == 0) {
      return new BlockLocation[0];
    }
    String path = gfsPath(file.getPath());
    statistics.incrementReadOps(1);
    try {
      long end = Math.min(file.getLen(), start + len);
      List<ChunkReplicas> chunks = client.chunkReplicas(path, start, end - start);
      long chunkSize = file.getBlockSize() > 0 ? file.getBlockSize() : client.chunkSizeBytes();
      return BlockLocations.of(chunks, chunkSize, file.getLen());
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /** The CRC32C of the whole content, as HDFS's COMPOSITE_CRC mode gives it, so both compare. */
  @Override
  public FileChecksum getFileChecksum(Path f, long length) throws IOException {
    String path = gfsPath(f);
    statistics.incrementReadOps(1);
    try {
      requireFile(path, "checksum");
      gfs.client.FileChecksum checksum = client.checksum(path);
      if (length < checksum.length()) {
        return null; // gfs composes whole files only: no checksum of a prefix
      }
      return new CompositeCrcFileChecksum(checksum.crc32c(), DataChecksum.Type.CRC32C,
          BYTES_PER_CRC);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    return create(f, overwrite, replication, true);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission,
      EnumSet<CreateFlag> flags, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    return create(f, flags.contains(CreateFlag.OVERWRITE), replication, false);
  }

  /**
   * The chunk size is the cluster's, so the caller's block size is not used; permission neither
   * (gfs sets the mode itself).
   */
  private FSDataOutputStream create(Path f, boolean overwrite, short replication,
      boolean createParents) throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      gfs.client.FileStatus existing = statOrNull(path);
      if (existing != null) {
        if (existing.directory()) {
          throw new FileAlreadyExistsException(path + " is a directory");
        }
        if (!overwrite) {
          throw new FileAlreadyExistsException(path + " already exists");
        }
        client.delete(path, false);
      }
      gfs.client.FileStatus created = client.create(path, replication, createParents);
      return new FSDataOutputStream(new GfsFsOutputStream(client, path, 0,
          chunkSize(created), config.bufferBytes()), statistics);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /** Writes from the file's current end; bytes go by gfs writes at that offset, not record append. */
  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress)
      throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      gfs.client.FileStatus status = requireFile(path, "append to");
      long length = client.length(path);
      return new FSDataOutputStream(new GfsFsOutputStream(client, path, length,
          chunkSize(status), config.bufferBytes()), statistics, length);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /**
   * gfs's record append: record is written atomically at least once at an offset the primary
   * chooses (returned), at most {@link GfsClient#maxRecordBytes} bytes. Concurrent appenders
   * never interleave inside a record; padding and duplicates may lie between records.
   */
  public long recordAppend(Path f, byte[] record) throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      long offset = client.recordAppend(path, record);
      statistics.incrementBytesWritten(record.length);
      return offset;
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      client.mkdir(path, true);
      return true;
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.ALREADY_EXISTS) {
        throw new FileAlreadyExistsException(e.getMessage()); // a file is in the way
      }
      throw HadoopErrors.translate(e);
    }
  }

  /**
   * HDFS's rename: false (no exception) when the source is missing, the destination exists, its
   * parent is missing or not a directory, or the destination is inside the source; into an
   * existing directory the source moves under its own name. The move itself is one atomic
   * master operation; the checks before it only choose the destination and the answer.
   */
  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String source = gfsPath(src);
    String destination = gfsPath(dst);
    statistics.incrementWriteOps(1);
    try {
      gfs.client.FileStatus sourceStatus = statOrNull(source);
      if (sourceStatus == null || source.equals("/")) {
        return false;
      }
      if (source.equals(destination)) {
        return !sourceStatus.directory(); // a file renamed to itself is done; a directory not
      }
      if (isSameOrUnder(destination, source)) {
        return false;
      }
      gfs.client.FileStatus destinationStatus = statOrNull(destination);
      if (destinationStatus != null) {
        if (!destinationStatus.directory()) {
          return false;
        }
        destination = child(destination, sourceStatus.name());
        if (statOrNull(destination) != null) {
          return false;
        }
      } else {
        gfs.client.FileStatus parent = statOrNull(parent(destination));
        if (parent == null || !parent.directory()) {
          return false;
        }
      }
      client.rename(source, destination);
      return true;
    } catch (GfsException e) {
      switch (e.kind()) {
        case NOT_FOUND, ALREADY_EXISTS, NOT_A_DIRECTORY -> {
          // Lost a race with another change between the checks and the move.
          LOG.debug("rename {} to {}: {}", source, destination, e.getMessage());
          return false;
        }
        default -> throw HadoopErrors.translate(e);
      }
    }
  }

  /**
   * Deleted entries go to gfs's trash and their space is reclaimed after gc.retention.ms; for
   * Hadoop they are gone at once. / itself is never deleted: false, or for a non-recursive
   * delete of a non-empty /, PathIsNotEmptyDirectoryException.
   */
  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      if (path.equals("/")) {
        if (!recursive && !client.list("/").isEmpty()) {
          throw new PathIsNotEmptyDirectoryException("/ is not empty");
        }
        return false;
      }
      if (statOrNull(path) == null) {
        return false;
      }
      client.delete(path, recursive);
      return true;
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return false; // deleted by someone else since the stat
      }
      throw HadoopErrors.translate(e);
    }
  }

  /** Replication is a goal of files only: false for directories and missing paths, as HDFS. */
  @Override
  public boolean setReplication(Path f, short replication) throws IOException {
    String path = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      gfs.client.FileStatus status = statOrNull(path);
      if (status == null || status.directory()) {
        return false;
      }
      client.setReplication(path, replication);
      return true;
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /** A copy-on-write snapshot of a file or directory, at the path {@link SnapshotPaths} gives. */
  @Override
  public Path createSnapshot(Path f, String snapshotName) throws IOException {
    String source = gfsPath(f);
    String snapshot = SnapshotPaths.of(config.snapshotRoot(), source, snapshotName);
    statistics.incrementWriteOps(1);
    try {
      client.mkdir(parent(snapshot), true);
      client.snapshot(source, snapshot);
      return makeQualified(new Path(snapshot));
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public void renameSnapshot(Path f, String oldName, String newName) throws IOException {
    String source = gfsPath(f);
    statistics.incrementWriteOps(1);
    try {
      client.rename(SnapshotPaths.of(config.snapshotRoot(), source, oldName),
          SnapshotPaths.of(config.snapshotRoot(), source, newName));
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public void deleteSnapshot(Path f, String snapshotName) throws IOException {
    String snapshot = SnapshotPaths.of(config.snapshotRoot(), gfsPath(f), snapshotName);
    statistics.incrementWriteOps(1);
    try {
      client.delete(snapshot, true);
    } catch (GfsException e) {
      throw HadoopErrors.translate(e);
    }
  }

  /** gfs keeps an owner and mode per entry but has no call to change them. */
  @Override
  public void setPermission(Path p, FsPermission permission) {
    throw new UnsupportedOperationException("gfs cannot change permissions (of " + p + ")");
  }

  @Override
  public void setOwner(Path p, String username, String groupname) {
    throw new UnsupportedOperationException("gfs cannot change owners (of " + p + ")");
  }

  @Override
  public void setTimes(Path p, long mtime, long atime) {
    throw new UnsupportedOperationException("gfs cannot set times (of " + p + ")");
  }

  @Override
  public boolean hasPathCapability(Path path, String capability) throws IOException {
    switch (validatePathCapabilityArgs(makeQualified(path), capability)) {
      case CommonPathCapabilities.FS_APPEND:
      case CommonPathCapabilities.FS_CHECKSUMS:
      case CommonPathCapabilities.FS_SNAPSHOTS:
        return true;
      case CommonPathCapabilities.FS_CONCAT:
      case CommonPathCapabilities.FS_PERMISSIONS:
      case CommonPathCapabilities.FS_SYMLINKS:
        return false;
      default:
        return super.hasPathCapability(path, capability);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  @Override
  public String toString() {
    return "GfsFileSystem{" + uri + "}";
  }

  // ------------------------------------------------------------------ helpers

  /** The gfs path of a Hadoop path of this file system (relative ones from the working dir). */
  String gfsPath(Path f) {
    Path qualified = makeQualified(f);
    String path = qualified.toUri().getPath();
    if (path.isEmpty()) {
      return "/";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private FileStatus toHadoop(gfs.client.FileStatus status) throws GfsException {
    Path path = makeQualified(new Path(status.path()));
    FsPermission permission = new FsPermission((short) (status.mode() & 07777));
    if (status.directory()) {
      return new FileStatus(0, true, 0, 0, status.modificationTimeMs(), 0, permission,
          status.owner(), "", path);
    }
    long length = client.length(status.path());
    return new FileStatus(length, false, status.replication(), chunkSize(status),
        status.modificationTimeMs(), 0, permission, status.owner(), "", path);
  }

  private long chunkSize(gfs.client.FileStatus status) throws GfsException {
    return status.chunkSizeBytes() > 0 ? status.chunkSizeBytes() : client.chunkSizeBytes();
  }

  private gfs.client.FileStatus statOrNull(String path) throws GfsException {
    try {
      return client.stat(path);
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /** The status of a file; FileNotFoundException for a directory, as HDFS. */
  private gfs.client.FileStatus requireFile(String path, String what) throws IOException {
    gfs.client.FileStatus status = client.stat(path);
    if (status.directory()) {
      throw new FileNotFoundException("cannot " + what + " " + path + ": it is a directory");
    }
    return status;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String child(String directory, String name) {
    return directory.equals("/") ? "/" + name : directory + "/" + name;
  }

  static boolean isSameOrUnder(String path, String ancestor) {
    return path.equals(ancestor) || path.startsWith(ancestor + "/");
  }
}
