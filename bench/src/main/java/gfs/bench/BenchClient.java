package gfs.bench;

import java.io.OutputStream;

/**
 * The workloads' view of a file system client: the calls both HDFS's FileSystem API and
 * GfsClient have, so that every workload runs the same code against both. One instance per
 * thread (each thread is a client of its own, as in the paper's benchmarks).
 */
interface BenchClient extends AutoCloseable {
  /** Creates dir and its missing parents. */
  void mkdirs(String dir) throws Exception;

  /** Creates an empty file and closes it (HDFS: create + complete; gfs: create). */
  void createEmpty(String path) throws Exception;

  /** The file's status from the metadata server (HDFS getFileInfo, gfs stat); fails if missing. */
  void stat(String path) throws Exception;

  /**
   * Where the first block or chunk of a file is, asked of the metadata server every time
   * (HDFS getBlockLocations, gfs GetChunkLocations with the location cache bypassed).
   */
  void locate(String path) throws Exception;

  /**
   * Creates a file and returns the system's own sequential writer of it; close makes what was
   * written durable as the system does.
   */
  OutputStream create(String path) throws Exception;

  /** Reads the whole file sequentially through buffer; returns the bytes read. */
  long readSequentially(String path, byte[] buffer) throws Exception;

  /** Reads exactly buffer.length bytes at offset (a positional read); fails on a short read. */
  void readAt(String path, long offset, byte[] buffer) throws Exception;

  /** Appends one record atomically at an offset the system chooses (gfs only). */
  long recordAppend(String path, byte[] record) throws Exception;

  /** Deletes path and everything under it, freeing the space now (gfs: purged from the trash). */
  void deleteRecursively(String path) throws Exception;

  @Override
  void close() throws Exception;
}
