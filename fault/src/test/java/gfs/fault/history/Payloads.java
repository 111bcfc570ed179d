package gfs.fault.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Self-identifying bytes, so that a checker can tell from any bytes read who wrote them.
 *
 * <p>Writes: every 16-byte unit at a 16-aligned file offset o holds 'G','W', writer (2 bytes),
 * seq (4), o (8). A unit read back names the write that put it there and the offset it was
 * meant for; a unit of zeros was never written (a hole).
 *
 * <p>Record appends: 'G','A', writer (2), seq (4), total length (4), then lower-case letters
 * that depend on writer, seq and position. Letters never contain 'G' nor zero, so a record
 * header cannot be mistaken inside another record's body or inside padding.
 */
public final class Payloads {
  public static final int UNIT_BYTES = 16;
  public static final int RECORD_HEADER_BYTES = 12;

  private Payloads() {}

  /** The bytes of write (writer, seq) at offset (16-aligned), length a multiple of 16. */
  public static byte[] write(int writer, int seq, long offset, int length) {
    if (offset % UNIT_BYTES != 0 || length % UNIT_BYTES != 0) {
      throw new IllegalArgumentException("writes are 16-byte aligned: " + offset + "+" + length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    for (int i = 0; i < length; i += UNIT_BYTES) {
      buffer.put((byte) 'G').put((byte) 'W').putShort((short) writer).putInt(seq)
          .putLong(offset + i);
    }
    return buffer.array();
  }

  /** A decoded 16-byte write unit: zero (never written), garbage, or (writer, seq, offset). */
  public record Unit(boolean zero, boolean valid, int writer, int seq, long offset) {}

  public static Unit unit(byte[] bytes, int pos) {
    boolean zero = true;
    for (int i = pos; i < pos + UNIT_BYTES; i++) {
      zero &= bytes[i] == 0;
    }
    if (zero) {
      return new Unit(true, false, 0, 0, 0);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, pos, UNIT_BYTES);
    if (b.get() != 'G' || b.get() != 'W') {
      return new Unit(false, false, 0, 0, 0);
    }
    return new Unit(false, true, b.getShort() & 0xffff, b.getInt(), b.getLong());
  }

  /** Record (writer, seq) of the given total length (at least the header). */
  public static byte[] record(int writer, int seq, int length) {
    if (length < RECORD_HEADER_BYTES) {
      throw new IllegalArgumentException("a record holds at least its header: " + length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    buffer.put((byte) 'G').put((byte) 'A').putShort((short) writer).putInt(seq).putInt(length);
    for (int i = RECORD_HEADER_BYTES; i < length; i++) {
      buffer.put((byte) ('a' + Math.floorMod(writer * 31 + seq * 7 + i, 26)));
    }
    return buffer.array();
  }

  /** The header of a record starting at pos: writer, seq, length; null if none starts there. */
  public static int[] recordHeader(byte[] bytes, int pos) {
    if (pos + RECORD_HEADER_BYTES > bytes.length || bytes[pos] != 'G' || bytes[pos + 1] != 'A') {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, pos + 2, RECORD_HEADER_BYTES - 2);
    int writer = b.getShort() & 0xffff;
    int seq = b.getInt();
    int length = b.getInt();
    return length < RECORD_HEADER_BYTES ? null : new int[] {writer, seq, length};
  }

  /** Whether bytes[pos..] holds record (writer, seq, length) whole. */
  public static boolean wholeRecordAt(byte[] bytes, long pos, int writer, int seq, int length) {
    if (pos < 0 || pos + length > bytes.length) {
      return false;
    }
    byte[] expected = record(writer, seq, length);
    return Arrays.equals(bytes, (int) pos, (int) pos + length, expected, 0, length);
  }
}
