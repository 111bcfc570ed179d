package gfs.client.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC "a reader that skips padding and fragments": the scanner over real byte layouts of
 * record-appended chunks finds exactly the valid frames, never one whose checksum fails.
 */
class FrameScannerTest {
  static final int CHUNK = 64 * 1024;
  static final long WRITER = 0x1234_5678_9abc_def0L;

  static RecordId id(long sequence) {
    return new RecordId(WRITER, sequence);
  }

  static List<FileRecord> scanAll(FrameScanner scanner) throws IOException {
    List<FileRecord> found = new ArrayList<>();
    FileRecord record;
    while ((record = scanner.next()) != null) {
      found.add(record);
    }
    return found;
  }

  static List<FileRecord> scanAll(byte[] bytes) throws IOException {
    return scanAll(new FrameScanner(ByteSource.of(bytes), CHUNK));
  }

  @Test
  void framesRoundTripWithTheirOffsetsIdsAndPayloads() throws IOException {
    FileLayout layout = new FileLayout(CHUNK);
    layout.record(id(0), new byte[0]);
    layout.record(id(1), FileLayout.payload(1, 1));
    layout.record(new RecordId(-1L, Long.MAX_VALUE), FileLayout.payload(1000, 2));
    layout.record(id(3), FileLayout.payload(CHUNK / 4 - RecordFrame.HEADER_BYTES, 3)); // the largest
    FrameScanner scanner = new FrameScanner(ByteSource.of(layout.bytes()), CHUNK);
    assertEquals(layout.valid, scanAll(scanner));
    assertEquals(0, scanner.skippedBytes());
    assertEquals(0, scanner.rejectedFrames());
    assertNull(scanner.next(), "the end stays the end");
  }

  @Test
  void paddingZerosGarbageAndAFrameWithOneFlippedByteBetweenRecordsAreSkipped() throws IOException {
    FileLayout layout = new FileLayout(CHUNK);
    layout.record(id(0), FileLayout.payload(500, 10));
    layout.zeros(1000);
    layout.record(id(1), FileLayout.payload(700, 11));
    layout.garbage(5000, 12);
    layout.damaged(id(2), FileLayout.payload(900, 13), RecordFrame.HEADER_BYTES + 450); // payload byte
    layout.record(id(3), FileLayout.payload(300, 14));
    layout.damaged(id(4), FileLayout.payload(300, 15), RecordFrame.LENGTH_AT + 3); // length byte
    layout.record(id(5), FileLayout.payload(2000, 16));
    layout.padChunk();
    layout.record(id(6), FileLayout.payload(100, 17)); // the next chunk
    byte[] bytes = layout.bytes();

    FrameScanner scanner = new FrameScanner(ByteSource.of(bytes), CHUNK);
    assertEquals(layout.valid, scanAll(scanner));
    assertTrue(scanner.rejectedFrames() >= 2, "both damaged frames were found and rejected");
    long validBytes = layout.valid.stream().mapToLong(FileRecord::frameBytes).sum();
    assertEquals(bytes.length - validBytes, scanner.skippedBytes(), "every other byte was skipped");
  }

  @Test
  void aFlippedByteAnywhereInAFrameKeepsItOutAndTheNextRecordIsStillFound() throws IOException {
    byte[] payload = FileLayout.payload(64, 20);
    int frameBytes = RecordFrame.HEADER_BYTES + payload.length;
    for (int index = 0; index < frameBytes; index++) {
      FileLayout layout = new FileLayout(CHUNK);
      layout.record(id(0), FileLayout.payload(40, 21));
      layout.damaged(id(1), payload, index);
      layout.record(id(2), FileLayout.payload(40, 22));
      assertEquals(layout.valid, scanAll(layout.bytes()), "byte " + index + " flipped");
    }
  }

  @Test
  void aFrameCutOffAtAChunkEndIsSkippedAndTheNextChunkIsRead() throws IOException {
    FileLayout layout = new FileLayout(CHUNK);
    layout.record(id(0), FileLayout.payload(CHUNK / 4 - RecordFrame.HEADER_BYTES, 30));
    layout.zeros(CHUNK / 2 + 5000);
    byte[] big = FileLayout.payload(CHUNK / 4 - RecordFrame.HEADER_BYTES, 31);
    // The first part of a frame fills the chunk to its end: a failed append's fragment.
    layout.truncated(id(1), big, CHUNK - layout.size());
    layout.record(id(2), FileLayout.payload(100, 32));
    // A header alone, shorter than a header, at the end of the next chunk.
    layout.zeros(CHUNK - layout.size() % CHUNK - 10);
    layout.truncated(id(3), big, 10);
    layout.record(id(4), FileLayout.payload(100, 33));
    assertEquals(2 * CHUNK + RecordFrame.HEADER_BYTES + 100, layout.size());
    assertEquals(layout.valid, scanAll(layout.bytes()));
  }

  @Test
  void aWholeFrameAcrossAChunkBoundaryIsNotARecord() throws IOException {
    // Record append never places one there, so its bytes there are a coincidence.
    FileLayout layout = new FileLayout(CHUNK);
    layout.zeros(CHUNK - 100);
    layout.raw(RecordFrame.encode(id(0), FileLayout.payload(200, 40)));
    FileRecord after = layout.record(id(1), FileLayout.payload(50, 41));
    assertEquals(List.of(after), scanAll(layout.bytes()));
  }

  @Test
  void aFrameStillBeingAppendedAtTheEndOfTheFileIsNotYielded() throws IOException {
    FileLayout layout = new FileLayout(CHUNK);
    layout.record(id(0), FileLayout.payload(100, 50));
    layout.truncated(id(1), FileLayout.payload(100, 51), RecordFrame.HEADER_BYTES + 60);
    FrameScanner scanner = new FrameScanner(ByteSource.of(layout.bytes()), CHUNK);
    assertEquals(layout.valid, scanAll(scanner));
    assertEquals(layout.size(), scanner.position());
  }

  @Test
  void framesAcrossWindowRefillsAndShortReadsAreFound() throws IOException {
    // A window of a quarter chunk (the smallest) and a source that returns 777 bytes a read.
    FileLayout layout = new FileLayout(CHUNK);
    for (int i = 0; i < 40; i++) {
      if (i % 7 == 3) {
        layout.garbage(1 + i * 37, i);
      }
      layout.record(id(i), FileLayout.payload(100 + i * 211 % 9000, 100 + i));
      if (layout.size() % CHUNK > CHUNK - 10_000) {
        layout.padChunk();
      }
    }
    byte[] bytes = layout.bytes();
    ByteSource whole = ByteSource.of(bytes);
    ByteSource slow = new ByteSource() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public int read(long offset, byte[] buffer, int at, int len) throws IOException {
        return whole.read(offset, buffer, at, Math.min(len, 777));
      }
    };
    List<FileRecord> found = scanAll(new FrameScanner(slow, CHUNK, 1));
    assertEquals(layout.valid.size(), found.size());
    for (int i = 0; i < found.size(); i++) {
      assertEquals(layout.valid.get(i).offset(), found.get(i).offset());
      assertArrayEquals(layout.valid.get(i).payload(), found.get(i).payload());
    }
  }

  @Test
  void onlyZerosOrGarbageYieldNothing() throws IOException {
    assertEquals(List.of(), scanAll(new byte[3 * CHUNK + 5]));
    assertEquals(List.of(), scanAll(new FileLayout(CHUNK).garbage(2 * CHUNK + 17, 60).bytes()));
    assertEquals(List.of(), scanAll(new byte[0]));
  }
}
