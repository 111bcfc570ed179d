package gfs.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The gfs client library: metadata from the masters, data straight to and from
 * chunkservers. Thread-safe; one instance per application is enough.
 *
 * <p>Every method is bounded by {@link ClientConfig#operationTimeoutMs()} including all
 * its retries and master failovers, and fails with a {@link GfsException} whose message
 * names the path, chunk or peer at fault.
 */
public final class GfsClient implements AutoCloseable {

  /** Connects to the masters named in the config (no call is made until the first use). */
  public static GfsClient connect(ClientConfig config) {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Creates a directory; with parents, missing ancestors too and no error if it exists. */
  public FileStatus mkdir(String path, boolean parents) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Creates an empty file with the cluster's default replication. */
  public FileStatus create(String path) throws GfsException {
    return create(path, 0, false);
  }

  /** Creates an empty file; replication 0 means the cluster default. */
  public FileStatus create(String path, int replication, boolean createParents)
      throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Deletes a file, or a directory (recursive needed unless it is empty). */
  public void delete(String path, boolean recursive) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  public void rename(String source, String destination) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** The entries of a directory (or the file itself when path is a file), sorted by name. */
  public List<FileStatus> list(String path) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  public FileStatus stat(String path) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** The exact length of a file, asked of the replicas of its last chunk. */
  public long length(String path) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /**
   * Reads up to len bytes at offset into buffer; returns the count read, or -1 at or past
   * the end of the file. Fails over to another replica on error or checksum mismatch.
   */
  public int read(String path, long offset, byte[] buffer, int bufferOffset, int len)
      throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Writes data at offset, splitting it at chunk boundaries and adding chunks as needed. */
  public void write(String path, long offset, byte[] data, int dataOffset, int len)
      throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /**
   * Appends one record atomically at least once, at an offset the primary chooses.
   * Returns the file offset where this copy of the record is.
   */
  public long recordAppend(String path, byte[] record) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** The largest record {@link #recordAppend} accepts: a quarter of the chunk size. */
  public long maxRecordBytes() throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Sequential reader from offset 0 with read-ahead. */
  public InputStream openInputStream(String path) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /**
   * Sequential writer starting at offset 0 of an existing (normally just created) file;
   * buffers and writes whole pieces; close flushes.
   */
  public OutputStream openOutputStream(String path) throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  /** Masters with their Raft role and indexes, chunkservers with rack and disk use. */
  public ClusterView clusterStatus() throws GfsException {
    throw new UnsupportedOperationException("TODO(client)");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("TODO(client)");
  }
}
