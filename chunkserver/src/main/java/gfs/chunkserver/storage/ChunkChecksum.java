package gfs.chunkserver.storage;

/** The CRC32C of a chunk's first {@code length} bytes (its whole content), and its version. */
public record ChunkChecksum(long length, int crc32c, long version) {}
