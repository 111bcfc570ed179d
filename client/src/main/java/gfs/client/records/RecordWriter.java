package gfs.client.records;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.common.Backoff;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends framed records ({@link RecordFrame}) to one gfs file with record append, as the
 * paper's producers did. Each record gets a unique id: this writer's random 64-bit id and the
 * next sequence number. When an append fails with an error a retry may cure (a replica died,
 * no master answered in time) the same frame, with the same id, is appended again, up to
 * {@link #MAX_APPEND_CALLS} times; a failed attempt may have left a copy on some replicas,
 * which {@link RecordReader} can then recognise as a duplicate.
 *
 * <p>Thread-safe: threads sharing a writer get distinct sequence numbers. A writer holds no
 * resources; the client stays the caller's to close.
 */
public final class RecordWriter {
  private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
  /** Calls to {@link GfsClient#recordAppend} per record, each bounded by the operation timeout. */
  public static final int MAX_APPEND_CALLS = 3;
  private static final SecureRandom IDS = new SecureRandom();

  private final GfsClient client;
  private final String path;
  private final long writerId;
  private final AtomicLong nextSequence = new AtomicLong();

  public RecordWriter(GfsClient client, String path) {
    this.client = client;
    this.path = path;
    this.writerId = IDS.nextLong();
  }

  /** This writer's id, carried by every record it appends. */
  public long writerId() {
    return writerId;
  }

  /** Appends payload as one framed record; returns the file offset of its frame. */
  public long append(byte[] payload) throws GfsException {
    return appendRecord(payload).offset();
  }

  /** Appends payload as one framed record; returns the record as placed: offset and id. */
  public FileRecord appendRecord(byte[] payload) throws GfsException {
    checkSize(payload.length);
    RecordId id = new RecordId(writerId, nextSequence.getAndIncrement());
    byte[] frame = RecordFrame.encode(id, payload);
    Backoff backoff = Backoff.standard();
    for (int call = 1; ; call++) {
      try {
        return new FileRecord(client.recordAppend(path, frame), id, payload);
      } catch (GfsException e) {
        if (!retryable(e) || call >= MAX_APPEND_CALLS) {
          throw e;
        }
        LOG.warn("record {} ({} bytes) to {} failed (call {} of {}), appending it again: {}",
            id, frame.length, path, call, MAX_APPEND_CALLS, e.getMessage());
        sleep(backoff.nextDelayMs());
      }
    }
  }

  /** The largest payload a record of this file can carry. */
  public long maxPayloadBytes() throws GfsException {
    return client.maxRecordBytes() - RecordFrame.HEADER_BYTES;
  }

  private void checkSize(int payloadBytes) throws GfsException {
    long limit = client.maxRecordBytes();
    long frameBytes = RecordFrame.frameBytes(payloadBytes);
    if (frameBytes > limit) {
      throw new GfsException(GfsException.Kind.RECORD_TOO_LARGE, "record of " + payloadBytes
          + " payload bytes for " + path + " is " + frameBytes + " bytes framed (a "
          + RecordFrame.HEADER_BYTES + "-byte header), over the record limit of " + limit
          + " bytes (a quarter of the " + client.chunkSizeBytes() + "-byte chunk size): payloads"
          + " of at most " + (limit - RecordFrame.HEADER_BYTES) + " bytes fit");
    }
  }

  /** Failures a later append may not meet again; anything else (a bad path) is final. */
  private static boolean retryable(GfsException e) {
    return e.kind() == GfsException.Kind.WRITE_FAILED || e.kind() == GfsException.Kind.UNAVAILABLE
        || e.kind() == GfsException.Kind.NO_CHUNKSERVERS;
  }

  private void sleep(long ms) throws GfsException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GfsException(GfsException.Kind.UNAVAILABLE, "record append to " + path
          + " interrupted", e);
    }
  }
}
