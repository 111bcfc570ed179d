package gfs.chunkserver.buffer;

import com.google.protobuf.ByteString;

/**
 * Pushed data for one data_id: being received, then complete and waiting for the mutation
 * that uses it. All fields are guarded by the owning {@link PushBuffer}'s lock.
 */
public final class PushEntry {
  final String dataId;
  final long declaredBytes;
  ByteString data = ByteString.EMPTY;
  long receivedBytes;
  boolean complete;
  /** Mutations applying this data right now; a pinned entry is never evicted. */
  int pins;
  long lastAccessNanos;
  boolean removed;

  PushEntry(String dataId, long declaredBytes, long nowNanos) {
    this.dataId = dataId;
    this.declaredBytes = declaredBytes;
    this.lastAccessNanos = nowNanos;
  }

  public String dataId() {
    return dataId;
  }

  public long declaredBytes() {
    return declaredBytes;
  }

  /** The bytes, once acquired by a mutation (complete and pinned, so they cannot change). */
  public ByteString data() {
    return data;
  }
}
