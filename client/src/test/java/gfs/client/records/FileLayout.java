package gfs.client.records;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds the bytes of a record-appended file the way chunkservers lay them out: frames,
 * zero padding to a chunk's end, garbage, damaged frames; remembers which valid records it
 * placed where, for comparison with what the scanner finds.
 */
final class FileLayout {
  final int chunkBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final List<FileRecord> valid = new ArrayList<>();

  FileLayout(int chunkBytes) {
    this.chunkBytes = chunkBytes;
  }

  /** Appends a valid frame; returns it as placed. */
  FileRecord record(RecordId id, byte[] payload) {
    FileRecord placed = new FileRecord(bytes.size(), id, payload);
    bytes.writeBytes(RecordFrame.encode(id, payload));
    valid.add(placed);
    return placed;
  }

  /** Appends a frame with the byte at index flipped (not a valid record). */
  FileLayout damaged(RecordId id, byte[] payload, int index) {
    byte[] frame = RecordFrame.encode(id, payload);
    frame[index] ^= 0x01;
    return raw(frame);
  }

  /** Appends only the first `bytes` bytes of a frame: a fragment. */
  FileLayout truncated(RecordId id, byte[] payload, int keep) {
    byte[] frame = RecordFrame.encode(id, payload);
    byte[] part = new byte[keep];
    System.arraycopy(frame, 0, part, 0, keep);
    return raw(part);
  }

  FileLayout zeros(int count) {
    return raw(new byte[count]);
  }

  FileLayout garbage(int count, long seed) {
    byte[] junk = new byte[count];
    new Random(seed).nextBytes(junk);
    return raw(junk);
  }

  /** Zeros up to the next chunk boundary: what a primary's PAD leaves. */
  FileLayout padChunk() {
    int rest = (chunkBytes - bytes.size() % chunkBytes) % chunkBytes;
    return zeros(rest);
  }

  FileLayout raw(byte[] data) {
    bytes.writeBytes(data);
    return this;
  }

  int size() {
    return bytes.size();
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }

  static byte[] payload(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }
}
