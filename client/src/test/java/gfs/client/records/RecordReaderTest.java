package gfs.client.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC "a reader that ... (optionally) drops duplicates": copies of a retried append. */
class RecordReaderTest {
  static final int CHUNK = 64 * 1024;

  static List<RecordId> ids(RecordReader reader) throws IOException {
    List<RecordId> ids = new ArrayList<>();
    FileRecord record;
    while ((record = reader.next()) != null) {
      ids.add(record.id());
    }
    return ids;
  }

  @Test
  void duplicatesAreDroppedOnlyWhenAsked() throws IOException {
    RecordId a = new RecordId(1, 0);
    RecordId b = new RecordId(1, 1);
    RecordId other = new RecordId(2, 0); // another writer's sequence 0 is another record
    FileLayout layout = new FileLayout(CHUNK);
    byte[] payload = FileLayout.payload(300, 1);
    layout.record(a, payload);
    layout.record(a, payload); // a retry that succeeded after one that had too
    layout.zeros(64);
    layout.record(b, payload);
    layout.padChunk();
    layout.record(a, payload); // a late copy in the next chunk
    layout.record(other, payload);
    byte[] bytes = layout.bytes();

    RecordReader all = new RecordReader(ByteSource.of(bytes), CHUNK, false);
    assertEquals(List.of(a, a, b, a, other), ids(all));
    assertEquals(0, all.duplicatesDropped());

    RecordReader once = new RecordReader(ByteSource.of(bytes), CHUNK, true);
    assertEquals(List.of(a, b, other), ids(once));
    assertEquals(2, once.duplicatesDropped());
    assertEquals(3, once.records());
  }
}
