package gfs.client;

import gfs.common.Crc32c;

/**
 * A checksum of a file's content: the CRC32C of its bytes from offset 0 to its length, the
 * same value java.util.zip.CRC32C gives over the bytes a read returns. It is composed from
 * the chunkservers' stored block checksums, so no data crosses the network, and it is the
 * same whichever replicas answer, as long as they hold the same bytes.
 *
 * @param crc32c the checksum bits (compare as int; {@link #hex} for people)
 * @param length the bytes it covers: the file's length when it was computed
 */
public record FileChecksum(String path, int crc32c, long length) {
  public static final String ALGORITHM = "CRC32C";

  public String algorithm() {
    return ALGORITHM;
  }

  /** 8 lower-case hex digits. */
  public String hex() {
    return Crc32c.hex(crc32c);
  }
}
