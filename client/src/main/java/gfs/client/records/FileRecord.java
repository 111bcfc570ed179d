package gfs.client.records;

import java.util.Arrays;

/**
 * One framed record as found in (or placed into) a file: the file offset of its frame, its
 * id and its payload. The payload array is the caller's to keep; it is never reused.
 */
public final class FileRecord {
  private final long offset;
  private final RecordId id;
  private final byte[] payload;

  public FileRecord(long offset, RecordId id, byte[] payload) {
    this.offset = offset;
    this.id = id;
    this.payload = payload;
  }

  /** File offset of the frame's first byte (its magic). */
  public long offset() {
    return offset;
  }

  public RecordId id() {
    return id;
  }

  public byte[] payload() {
    return payload;
  }

  /** Bytes the frame takes in the file: header plus payload. */
  public int frameBytes() {
    return RecordFrame.HEADER_BYTES + payload.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FileRecord that && offset == that.offset && id.equals(that.id)
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(offset) * 31 + id.hashCode();
  }

  @Override
  public String toString() {
    return "record " + id + " at offset " + offset + " (" + payload.length + " payload bytes)";
  }
}
