package gfs.chunkserver.storage;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One chunk held by this server. Reads share the lock and writes take it exclusively, so a
 * read never sees data whose checksum is still being replaced.
 */
final class StoredChunk {
  final long handle;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Written only under the write lock. */
  volatile ChunkRecord record;
  /** Set under the write lock when the chunk is deleted; later users get NOT_FOUND. */
  volatile boolean deleted;

  StoredChunk(ChunkRecord record) {
    this.handle = record.handle();
    this.record = record;
  }
}
