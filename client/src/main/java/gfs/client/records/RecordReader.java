package gfs.client.records;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import java.io.IOException;

/**
 * Reads back the records a {@link RecordWriter} appended, in file order, each with its offset
 * and id: a {@link FrameScanner} over the file (large sequential reads, padding and
 * fragments passed over, no frame with a bad checksum ever yielded), optionally followed by a
 * {@link DuplicateFilter} that drops every copy of a record after the first.
 *
 * <p>The reader scans the file up to the length it had at the first {@link #next}; records
 * appended after that are not seen. Not thread-safe.
 */
public final class RecordReader {
  private final FrameScanner scanner;
  private final DuplicateFilter duplicates;
  private long records;
  private long duplicatesDropped;

  /** Reads the records of a gfs file; dropDuplicates: yield each record id once. */
  public RecordReader(GfsClient client, String path, boolean dropDuplicates) throws GfsException {
    this(new GfsFileSource(client, path), chunkSizeOf(client, path), dropDuplicates);
  }

  /** Reads the records of any byte source written with chunks of chunkSizeBytes. */
  public RecordReader(ByteSource source, long chunkSizeBytes, boolean dropDuplicates) {
    this.scanner = new FrameScanner(source, chunkSizeBytes);
    this.duplicates = dropDuplicates ? new DuplicateFilter() : null;
  }

  /** The next record, or null at the end. */
  public FileRecord next() throws IOException {
    FileRecord record;
    while ((record = scanner.next()) != null) {
      if (duplicates != null && duplicates.seenBefore(record.id())) {
        duplicatesDropped++;
        continue;
      }
      records++;
      return record;
    }
    return null;
  }

  /** Records yielded so far. */
  public long records() {
    return records;
  }

  /** Copies of already yielded records passed over (always 0 without dropDuplicates). */
  public long duplicatesDropped() {
    return duplicatesDropped;
  }

  /** Bytes passed over that belong to no valid frame: padding, fragments, garbage. */
  public long skippedBytes() {
    return scanner.skippedBytes();
  }

  /** Places where a frame began (magic) but its length or checksum was wrong. */
  public long rejectedFrames() {
    return scanner.rejectedFrames();
  }

  private static long chunkSizeOf(GfsClient client, String path) throws GfsException {
    FileStatus status = client.stat(path);
    if (status.directory()) {
      throw new GfsException(GfsException.Kind.IS_A_DIRECTORY, "cannot read records of " + path
          + ": it is a directory");
    }
    return status.chunkSizeBytes() > 0 ? status.chunkSizeBytes() : client.chunkSizeBytes();
  }
}
