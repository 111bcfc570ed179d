package gfs.client.records;

/**
 * The unique id a {@link RecordWriter} gives each record: its own random 64-bit writer id and
 * the record's sequence number among that writer's records (0, 1, 2, ...). Every copy of a
 * record in a file (a retried append leaves several) carries the same id, which is how a
 * reader tells a duplicate from a new record with the same bytes.
 */
public record RecordId(long writerId, long sequence) {
  @Override
  public String toString() {
    return Long.toHexString(writerId) + "/" + sequence;
  }
}
