package gfs.client.records;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The frame around every record a {@link RecordWriter} appends, so that a reader can find
 * records again among what GFS record append leaves between them (zero padding at chunk
 * ends, duplicates of retried appends, fragments of failed appends that differ between
 * replicas). All integers big-endian:
 *
 * <pre>
 *  offset  bytes  field
 *       0      4  magic 0x9E 'G' 'R' '1' (non-zero, so zero padding never looks like a frame)
 *       4      4  payload length (bytes, 0 or more)
 *       8      8  writer id (random per RecordWriter)
 *      16      8  sequence number (per writer, from 0)
 *      24      4  CRC32C of bytes 0..23 and of the payload
 *      28      n  payload
 * </pre>
 *
 * The checksum covers the length and the id as well as the payload, so a fragment whose
 * header survived but whose payload did not (or a stray magic inside garbage) never passes.
 * A whole frame must fit in a record append ({@code GfsClient.maxRecordBytes()}: a quarter of
 * the chunk size), hence inside one chunk: a reader never looks for a frame across a chunk
 * boundary. Pure logic over byte arrays; no I/O.
 */
public final class RecordFrame {
  public static final int MAGIC = 0x9E475231;
  public static final int HEADER_BYTES = 28;
  static final int LENGTH_AT = 4;
  static final int WRITER_AT = 8;
  static final int SEQUENCE_AT = 16;
  static final int CRC_AT = 24;

  private RecordFrame() {
  }

  /** The frame for payload under id: header then payload, ready for one record append. */
  public static byte[] encode(RecordId id, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.BIG_ENDIAN);
    frame.putInt(MAGIC).putInt(payload.length).putLong(id.writerId()).putLong(id.sequence());
    frame.putInt(crc(frame.array(), 0, payload, 0, payload.length));
    frame.put(payload);
    return frame.array();
  }

  /** Frame bytes for a payload of payloadBytes. */
  public static long frameBytes(long payloadBytes) {
    return HEADER_BYTES + payloadBytes;
  }

  /** True when the 4 bytes at at are the magic. */
  static boolean magicAt(byte[] bytes, int at) {
    return readInt(bytes, at) == MAGIC;
  }

  /** The payload length the header at at claims (may be garbage: check it before use). */
  static int payloadLengthAt(byte[] bytes, int at) {
    return readInt(bytes, at + LENGTH_AT);
  }

  /**
   * True when bytes[at, at + HEADER_BYTES + payloadLength) is a whole frame whose checksum
   * matches; the caller has checked the magic and that the claimed length is in bounds.
   */
  static boolean checksumMatches(byte[] bytes, int at, int payloadLength) {
    int stored = readInt(bytes, at + CRC_AT);
    return stored == crc(bytes, at, bytes, at + HEADER_BYTES, payloadLength);
  }

  /** The id in the (already validated) header at at. */
  static RecordId idAt(byte[] bytes, int at) {
    return new RecordId(readLong(bytes, at + WRITER_AT), readLong(bytes, at + SEQUENCE_AT));
  }

  private static int crc(byte[] header, int headerAt, byte[] payload, int payloadAt, int length) {
    CRC32C crc = new CRC32C();
    crc.update(header, headerAt, CRC_AT);
    crc.update(payload, payloadAt, length);
    return (int) crc.getValue();
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
        | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }

  private static long readLong(byte[] bytes, int at) {
    return ((long) readInt(bytes, at) << 32) | (readInt(bytes, at + 4) & 0xffffffffL);
  }
}
