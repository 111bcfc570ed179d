package gfs.chunkserver.storage;

import java.nio.ByteBuffer;

/**
 * What the chunkserver knows about one chunk beside its data: the version (bumped by the
 * master with every lease), the length in bytes, the chunk size it may grow to, and
 * whether a checksum failed (the master replaces such a replica).
 */
public record ChunkRecord(long handle, long version, long length, long chunkSizeBytes, boolean corrupt) {
  static final int ENCODED_BYTES = 25;

  public ChunkRecord withVersion(long newVersion) {
    return new ChunkRecord(handle, newVersion, length, chunkSizeBytes, corrupt);
  }

  public ChunkRecord withLength(long newLength) {
    return new ChunkRecord(handle, version, newLength, chunkSizeBytes, corrupt);
  }

  public ChunkRecord withCorrupt(boolean isCorrupt) {
    return new ChunkRecord(handle, version, length, chunkSizeBytes, isCorrupt);
  }

  byte[] encode() {
    return ByteBuffer.allocate(ENCODED_BYTES).putLong(version).putLong(length)
        .putLong(chunkSizeBytes).put((byte) (corrupt ? 1 : 0)).array();
  }

  static ChunkRecord decode(long handle, byte[] value) {
    if (value.length != ENCODED_BYTES) {
      throw new IllegalStateException("chunk record of 0x" + Long.toHexString(handle)
          + " has " + value.length + " bytes, expected " + ENCODED_BYTES);
    }
    ByteBuffer buffer = ByteBuffer.wrap(value);
    return new ChunkRecord(handle, buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.get() != 0);
  }
}
