package gfs.chunkserver.storage;

/** Told about every change to the set of chunks, so heartbeats can report only what changed. */
public interface ChunkListener {
  /** Created, written, version changed or found corrupt. */
  void chunkChanged(long handle);

  void chunkRemoved(long handle);
}
