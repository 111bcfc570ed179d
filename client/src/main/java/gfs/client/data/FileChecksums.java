package gfs.client.data;

import gfs.client.FileChecksum;
import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.location.ChunkLocator;
import gfs.common.Crc32c;
import gfs.proto.ChunkLocation;
import gfs.proto.GetChunkChecksumResponse;
import java.util.zip.CRC32C;

/**
 * A file's CRC32C composed chunk by chunk from one replica's checksum of each chunk. Bytes
 * that read as zeros (a chunk before the last that is shorter than the chunk size, see
 * {@link FileReader}) are counted as zeros, so the result matches the bytes a read returns.
 */
public final class FileChecksums {
  /** Zeros checksummed per update while padding a short chunk. */
  private static final int ZERO_PIECE_BYTES = 1 << 20;

  private final ChunkLocator locator;
  private final ReplicaReader replicas;

  public FileChecksums(ChunkLocator locator, ReplicaReader replicas) {
    this.locator = locator;
    this.replicas = replicas;
  }

  public FileChecksum checksum(String path, Deadline deadline) throws GfsException {
    long chunkSize = locator.chunkSize(path, deadline);
    long chunks = locator.fileChunkCount(path, deadline);
    int crc = 0;
    long length = 0;
    for (long index = 0; index < chunks; index++) {
      ChunkLocation location = locator.locate(path, index, deadline);
      if (location == null) {
        throw new GfsException(GfsException.Kind.NO_CHUNKSERVERS, "chunk index " + index
            + " of " + path + " has no location known to the master");
      }
      GetChunkChecksumResponse chunk = replicas.chunkChecksum(path, location, deadline);
      if (chunk.getLength() > chunkSize) {
        throw new GfsException(GfsException.Kind.INTERNAL, Describe.chunk(location.getHandle(),
            index, path) + " reports " + chunk.getLength() + " bytes, more than the chunk size "
            + chunkSize);
      }
      crc = Crc32c.combine(crc, chunk.getCrc32C(), chunk.getLength());
      length += chunk.getLength();
      if (index < chunks - 1 && chunk.getLength() < chunkSize) {
        long zeros = chunkSize - chunk.getLength();
        crc = Crc32c.combine(crc, zerosCrc(zeros), zeros);
        length += zeros;
      }
    }
    return new FileChecksum(path, crc, length);
  }

  private static int zerosCrc(long count) {
    byte[] zeros = new byte[(int) Math.min(count, ZERO_PIECE_BYTES)];
    CRC32C crc = new CRC32C();
    for (long left = count; left > 0; left -= zeros.length) {
      crc.update(zeros, 0, (int) Math.min(left, zeros.length));
    }
    return (int) crc.getValue();
  }
}
