package gfs.client;

import gfs.client.common.ChannelPool;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.common.GfsPaths;
import gfs.client.common.RequestIds;
import gfs.client.data.BadReplicaReporter;
import gfs.client.data.ChunkMutator;
import gfs.client.data.ChunkserverCalls;
import gfs.client.data.DataPusher;
import gfs.client.data.FileChecksums;
import gfs.client.data.FileReader;
import gfs.client.data.FileWriter;
import gfs.client.data.LeaseCache;
import gfs.client.data.LeaseProvider;
import gfs.client.data.RecordAppender;
import gfs.client.data.ReplicaReader;
import gfs.client.io.GfsInputStream;
import gfs.client.io.GfsOutputStream;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.ClusterStatusCollector;
import gfs.client.master.MasterClient;
import gfs.client.master.Namespace;
import gfs.client.records.RecordReader;
import gfs.client.records.RecordWriter;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gfs client library: metadata from the masters, data straight to and from
 * chunkservers. Thread-safe; one instance per application is enough.
 *
 * <p>Every method is bounded by {@link ClientConfig#operationTimeoutMs()} including all
 * its retries and master failovers, and fails with a {@link GfsException} whose message
 * names the path, chunk or peer at fault.
 */
public final class GfsClient implements AutoCloseable {
  /** Where deleted entries live until collected: their paths start with it. */
  public static final String TRASH_PREFIX = "/.trash/";
  private final ClientConfig config;
  private final ChunkSize chunkSize = new ChunkSize();
  private final MasterClient master;
  private final ChannelPool chunkservers = new ChannelPool("chunkserver");
  private final Namespace namespace;
  private final ChunkLocator locator;
  private final LeaseProvider leases;
  private final FileReader reader;
  private final FileChecksums checksums;
  private final FileWriter writer;
  private final RecordAppender appender;
  private final ClusterStatusCollector clusterStatus;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GfsClient(ClientConfig config) {
    this.config = config;
    RequestIds ids = new RequestIds();
    this.master = new MasterClient(config);
    this.namespace = new Namespace(master, ids, chunkSize, config.staleReads());
    this.locator = new ChunkLocator(master, new LocationCache(config.locationCacheMs()),
        chunkSize, namespace.readOptions());
    ChunkserverCalls calls = new ChunkserverCalls(chunkservers, config.rpcTimeoutMs());
    ReplicaReader replicaReader =
        new ReplicaReader(calls, locator, new BadReplicaReporter(master, ids));
    this.reader = new FileReader(locator, replicaReader);
    this.checksums = new FileChecksums(locator, replicaReader);
    this.leases = new LeaseProvider(master, ids, new LeaseCache(), locator, chunkSize);
    ChunkMutator mutator = new ChunkMutator(ids, new DataPusher(calls), calls);
    this.writer = new FileWriter(locator, leases, mutator);
    this.appender = new RecordAppender(leases, mutator, locator);
    this.clusterStatus = new ClusterStatusCollector(master);
  }

  /** Connects to the masters named in the config (no call is made until the first use). */
  public static GfsClient connect(ClientConfig config) {
    return new GfsClient(config);
  }

  public ClientConfig config() {
    return config;
  }

  /** Creates a directory; with parents, missing ancestors too and no error if it exists. */
  public FileStatus mkdir(String path, boolean parents) throws GfsException {
    return namespace.mkdir(path, parents, deadline());
  }

  /** Creates an empty file with the cluster's default replication. */
  public FileStatus create(String path) throws GfsException {
    return create(path, 0, false);
  }

  /** Creates an empty file; replication 0 means the cluster default. */
  public FileStatus create(String path, int replication, boolean createParents)
      throws GfsException {
    FileStatus status = namespace.create(path, replication, createParents, deadline());
    forget(path); // anything cached under this name belonged to an earlier file
    return status;
  }

  /** Deletes a file, or a directory (recursive needed unless it is empty). */
  public void delete(String path, boolean recursive) throws GfsException {
    try {
      namespace.delete(path, recursive, deadline());
    } finally {
      forget(path);
    }
  }

  public void rename(String source, String destination) throws GfsException {
    try {
      namespace.rename(source, destination, deadline());
    } finally {
      forget(source);
      forget(destination);
    }
  }

  /**
   * Makes destination a copy-on-write copy of source (a file or a directory tree); later
   * writes to either do not show in the other.
   */
  public void snapshot(String source, String destination) throws GfsException {
    namespace.snapshot(source, destination, deadline());
    forget(source); // leases on the source were revoked: the next write needs a new one
  }

  /** Sets the replication goal of a file; the master adds or removes replicas over time. */
  public void setReplication(String path, int replication) throws GfsException {
    namespace.setReplication(path, replication, deadline());
  }

  /** The entries of a directory (or the file itself when path is a file), sorted by name. */
  public List<FileStatus> list(String path) throws GfsException {
    return list(path, false);
  }

  /** Like {@link #list(String)}; includeDeleted also shows deleted files under their hidden names. */
  public List<FileStatus> list(String path, boolean includeDeleted) throws GfsException {
    return namespace.list(path, includeDeleted, deadline());
  }

  /**
   * Brings back a deleted file or directory to targetPath, or to its old path when targetPath
   * is null. deletedPath is its trash name ("/.trash/...", {@link FileStatus#deletedPath} from
   * list with includeDeleted) or the path it had: then its most recent deletion is restored.
   */
  public FileStatus restore(String deletedPath, String targetPath) throws GfsException {
    FileStatus status = namespace.restore(deletedPath, targetPath, deadline());
    forget(status.path());
    return status;
  }

  public FileStatus stat(String path) throws GfsException {
    return namespace.stat(path, deadline());
  }

  /** The exact length of a file, asked of the replicas of its last chunk. */
  public long length(String path) throws GfsException {
    return reader.length(path, deadline());
  }

  /**
   * The replicas of the chunks holding bytes [offset, offset + length) of a file, in chunk
   * order, from the location cache or the master (several chunks per request). Chunks past
   * the file's last one are not listed.
   */
  public List<ChunkReplicas> chunkReplicas(String path, long offset, long length)
      throws GfsException {
    if (offset < 0 || length < 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT, "chunk replicas of " + path
          + ": negative range at " + offset + " of " + length + " bytes");
    }
    Deadline deadline = deadline();
    long chunkBytes = locator.chunkSize(path, deadline);
    List<ChunkReplicas> chunks = new ArrayList<>();
    if (length == 0) {
      return chunks;
    }
    long last = (offset + length - 1) / chunkBytes;
    for (long index = offset / chunkBytes; index <= last; index++) {
      ChunkLocation location = locator.locate(path, index, deadline);
      if (location == null) {
        break; // past the file's last chunk
      }
      List<ChunkReplicas.Replica> replicas = new ArrayList<>();
      for (ChunkserverInfo server : location.getReplicasList()) {
        replicas.add(new ChunkReplicas.Replica(server.getId(), server.getHost(), server.getPort(),
            server.getRack()));
      }
      chunks.add(new ChunkReplicas(index, replicas));
    }
    return chunks;
  }

  /**
   * The CRC32C of a file's content, composed from the chunkservers' stored block checksums
   * (one replica per chunk, failing over as reads do): no data is read, and the value is the
   * same whichever replicas answer, as long as they hold the same bytes.
   */
  public FileChecksum checksum(String path) throws GfsException {
    requireFile(path);
    return checksums.checksum(path, deadline());
  }

  /**
   * Reads up to len bytes at offset into buffer; returns the count read, or -1 at or past
   * the end of the file. Fails over to another replica on error or checksum mismatch.
   */
  public int read(String path, long offset, byte[] buffer, int bufferOffset, int len)
      throws GfsException {
    return reader.read(path, offset, buffer, bufferOffset, len, deadline());
  }

  /** Writes data at offset, splitting it at chunk boundaries and adding chunks as needed. */
  public void write(String path, long offset, byte[] data, int dataOffset, int len)
      throws GfsException {
    writer.write(path, offset, data, dataOffset, len, deadline());
  }

  /**
   * Appends one record atomically at least once, at an offset the primary chooses.
   * Returns the file offset where this copy of the record is.
   */
  public long recordAppend(String path, byte[] record) throws GfsException {
    return appender.append(path, record, deadline());
  }

  /** The largest record {@link #recordAppend} accepts: a quarter of the chunk size. */
  public long maxRecordBytes() throws GfsException {
    return RecordAppender.maxRecordBytes(chunkSizeBytes());
  }

  /**
   * A writer of framed records (checksum and unique id each) to path, by record append;
   * see {@link RecordWriter}.
   */
  public RecordWriter recordWriter(String path) {
    ensureOpen();
    return new RecordWriter(this, path);
  }

  /**
   * A reader of the framed records in path, passing over padding, fragments and (when
   * dropDuplicates) repeated copies; see {@link RecordReader}.
   */
  public RecordReader recordReader(String path, boolean dropDuplicates) throws GfsException {
    ensureOpen();
    return new RecordReader(this, path, dropDuplicates);
  }

  /** The cluster's chunk size, asked of the masters the first time. */
  public long chunkSizeBytes() throws GfsException {
    long known = chunkSize.knownOrZero();
    if (known > 0) {
      return known;
    }
    Deadline deadline = deadline();
    chunkSize.learn(namespace.stat("/", deadline).chunkSizeBytes());
    if (chunkSize.knownOrZero() == 0) {
      chunkSize.learn(clusterStatus.collect(deadline).chunkSizeBytes());
    }
    known = chunkSize.knownOrZero();
    if (known == 0) {
      throw new GfsException(GfsException.Kind.INTERNAL, "no master reported the chunk size");
    }
    return known;
  }

  /** Sequential reader from offset 0 with read-ahead. */
  public InputStream openInputStream(String path) throws GfsException {
    requireFile(path);
    return new GfsInputStream(this, path, GfsInputStream.DEFAULT_READ_AHEAD_BYTES);
  }

  /**
   * Sequential writer starting at offset 0 of an existing (normally just created) file;
   * buffers and writes whole pieces; close flushes.
   */
  public OutputStream openOutputStream(String path) throws GfsException {
    FileStatus status = requireFile(path);
    long chunkBytes = status.chunkSizeBytes() > 0 ? status.chunkSizeBytes() : chunkSizeBytes();
    return new GfsOutputStream(this, path, chunkBytes, GfsOutputStream.DEFAULT_BUFFER_BYTES);
  }

  /** Masters with their Raft role and indexes, chunkservers with rack and disk use. */
  public ClusterView clusterStatus() throws GfsException {
    ClusterView view = clusterStatus.collect(deadline());
    chunkSize.learn(view.chunkSizeBytes());
    return view;
  }

  /** Administrative requests (leadership, safe mode, decommission, membership). */
  public GfsAdmin admin() {
    ensureOpen();
    return new GfsAdmin(master, clusterStatus, config.operationTimeoutMs());
  }

  /** Shuts every channel; calls in flight fail. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        master.close();
      } finally {
        chunkservers.close();
      }
    }
  }

  private FileStatus requireFile(String path) throws GfsException {
    FileStatus status = stat(path);
    if (status.directory()) {
      throw new GfsException(GfsException.Kind.IS_A_DIRECTORY, path + " is a directory");
    }
    return status;
  }

  private void forget(String path) {
    try {
      GfsPaths.validate(path);
    } catch (GfsException e) {
      return; // nothing was cached under an invalid path
    }
    locator.invalidateTree(path);
    leases.invalidateTree(path);
  }

  private Deadline deadline() {
    ensureOpen();
    return Deadline.afterMs(config.operationTimeoutMs());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the gfs client is closed");
    }
  }
}
