package gfs.chunkserver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk storage against a real LMDB environment and real files. */
class ChunkStoreTest {
  private static final long CHUNK_SIZE = 1 << 20;
  private static final int BLOCK = BlockChecksums.BLOCK_BYTES;

  @TempDir Path dataDir;
  private ChunkStore store;
  private final Random random = new Random(42);
  private final List<ChunkStore> opened = new ArrayList<>();

  @BeforeEach
  void open() throws IOException {
    store = reopen();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(ChunkStore::close);
  }

  private ChunkStore reopen() throws IOException {
    ChunkStore fresh = ChunkStore.open("cs-test", dataDir, false);
    opened.add(fresh);
    return fresh;
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] readAll(ChunkStore from, long handle) throws ChunkserverException {
    return from.read(handle, 0, 0, (int) CHUNK_SIZE).data().toByteArray();
  }

  @Test
  void writesReadBackAcrossBlockBoundaries() throws Exception {
    store.create(0x1f, 1, CHUNK_SIZE);
    byte[] expected = new byte[300_000];
    byte[] first = randomBytes(100_000);
    store.write(0x1f, 0, ByteString.copyFrom(first));
    System.arraycopy(first, 0, expected, 0, first.length);
    byte[] second = randomBytes(200_000);           // an append into a partial block
    store.write(0x1f, 100_000, ByteString.copyFrom(second));
    System.arraycopy(second, 0, expected, 100_000, second.length);
    byte[] middle = randomBytes(70_000);            // overwrite straddling blocks 1..2
    store.write(0x1f, 120_000, ByteString.copyFrom(middle));
    System.arraycopy(middle, 0, expected, 120_000, middle.length);

    assertArrayEquals(expected, readAll(store, 0x1f));
    ReadResult part = store.read(0x1f, 1, 65_000, 1_000);
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, 65_000, 66_000), part.data().toByteArray());
    assertEquals(300_000, part.chunkLength());
    assertEquals(0, store.read(0x1f, 1, 300_000, 10).data().size(), "read at the end is empty");
    assertEquals(100, store.read(0x1f, 1, 299_900, 1000).data().size(), "read is short at the end");
  }

  @Test
  void manySmallAppendsKeepTheLastBlockChecksumRight() throws Exception {
    store.create(7, 1, CHUNK_SIZE);
    ByteString all = ByteString.EMPTY;
    for (int i = 0; i < 40; i++) {
      ByteString piece = ByteString.copyFrom(randomBytes(random.nextInt(9000) + 1));
      store.write(7, all.size(), piece);
      all = all.concat(piece);
    }
    assertEquals(all, store.read(7, 0, 0, (int) CHUNK_SIZE).data());
  }

  @Test
  void writePastTheEndZeroFillsTheGap() throws Exception {
    store.create(3, 1, CHUNK_SIZE);
    store.write(3, 0, ByteString.copyFrom(new byte[] {1, 2, 3}));
    store.write(3, 200_000, ByteString.copyFrom(new byte[] {9}));
    byte[] data = readAll(store, 3);
    assertEquals(200_001, data.length);
    assertEquals(3, data[2]);
    for (int i = 3; i < 200_000; i++) {
      assertEquals(0, data[i], "gap byte " + i);
    }
    assertEquals(9, data[200_000]);
  }

  @Test
  void readDetectsAFlippedByteNamingChunkAndBlock() throws Exception {
    store.create(0x1f, 1, CHUNK_SIZE);
    store.write(0x1f, 0, ByteString.copyFrom(randomBytes(3 * BLOCK)));
    flipByte(0x1f, 2 * BLOCK + 17);

    assertEquals(BLOCK, store.read(0x1f, 0, 0, BLOCK).data().size(), "untouched blocks still read");
    ChunkserverException e = assertThrows(ChunkserverException.class, () -> store.read(0x1f, 0, 2 * BLOCK + 5, 10));
    assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
    assertTrue(e.getMessage().contains("chunk 0x1f") && e.getMessage().contains("block 2"), e.getMessage());
    assertTrue(store.record(0x1f).orElseThrow().corrupt(), "the chunk is reported corrupt");
  }

  @Test
  void overwriteVerifiesPartiallyCoveredBlocksFirst() throws Exception {
    store.create(5, 1, CHUNK_SIZE);
    store.write(5, 0, ByteString.copyFrom(randomBytes(4 * BLOCK)));
    flipByte(5, 2 * BLOCK + 3);

    // Covers the end of block 1 and the start of block 2: block 2 keeps bytes and is verified.
    ChunkserverException e = assertThrows(ChunkserverException.class,
        () -> store.write(5, 2 * BLOCK - 10, ByteString.copyFrom(randomBytes(100))));
    assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
    assertTrue(e.getMessage().contains("block 2"), e.getMessage());

    // Overwriting block 2 entirely needs no verification and repairs it.
    byte[] fresh = randomBytes(BLOCK);
    store.write(5, 2 * BLOCK, ByteString.copyFrom(fresh));
    assertArrayEquals(fresh, store.read(5, 0, 2 * BLOCK, BLOCK).data().toByteArray());
  }

  @Test
  void appendDoesNotBlessEarlierCorruptionOfTheLastBlock() throws Exception {
    store.create(6, 1, CHUNK_SIZE);
    store.write(6, 0, ByteString.copyFrom(randomBytes(BLOCK + 100)));
    flipByte(6, BLOCK + 50);
    store.write(6, BLOCK + 100, ByteString.copyFrom(randomBytes(500)));  // appended without reading back
    ChunkserverException e = assertThrows(ChunkserverException.class, () -> store.read(6, 0, BLOCK, 10));
    assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
  }

  @Test
  void padFillsTheChunkWithZeros() throws Exception {
    store.create(9, 1, CHUNK_SIZE);
    store.write(9, 0, ByteString.copyFrom(randomBytes(1000)));
    assertEquals(CHUNK_SIZE, store.pad(9));
    byte[] data = readAll(store, 9);
    assertEquals(CHUNK_SIZE, data.length);
    for (int i = 1000; i < data.length; i++) {
      assertEquals(0, data[i]);
    }
    assertEquals(CHUNK_SIZE, store.pad(9), "padding a full chunk changes nothing");
    ChunkserverException e = assertThrows(ChunkserverException.class,
        () -> store.write(9, CHUNK_SIZE - 1, ByteString.copyFrom(new byte[2])));
    assertEquals(ErrorCode.OUT_OF_RANGE, e.code());
  }

  @Test
  void versionNeverGoesDown() throws Exception {
    store.create(11, 3, CHUNK_SIZE);
    store.setVersion(11, 5);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.setVersion(11, 4));
    assertTrue(e.getMessage().contains("from 5 to 4"), e.getMessage());
    assertEquals(5, store.record(11).orElseThrow().version());
    assertFalse(store.create(11, 6, CHUNK_SIZE), "create of an existing chunk changes nothing");
    ChunkserverException stale = assertThrows(ChunkserverException.class, () -> store.read(11, 4, 0, 1));
    assertEquals(ErrorCode.STALE_VERSION, stale.code());
  }

  @Test
  void restartKeepsDataVersionsAndDropsChunksWhoseFileIsGone() throws Exception {
    byte[] data = randomBytes(150_000);
    store.create(0x8000_0000_0000_0001L, 4, CHUNK_SIZE);  // a handle with the top bit set
    store.write(0x8000_0000_0000_0001L, 0, ByteString.copyFrom(data));
    store.create(2, 1, CHUNK_SIZE);
    store.create(3, 1, CHUNK_SIZE);
    store.delete(3);
    store.close();
    opened.remove(store);
    Files.delete(dataDir.resolve("chunks").resolve("0000000000000002.chunk"));

    ChunkStore again = reopen();
    ChunkRecord record = again.record(0x8000_0000_0000_0001L).orElseThrow();
    assertEquals(4, record.version());
    assertEquals(150_000, record.length());
    assertArrayEquals(data, readAll(again, 0x8000_0000_0000_0001L));
    assertTrue(again.record(2).isEmpty(), "a record without its file is dropped");
    assertTrue(again.record(3).isEmpty());
    assertEquals(1, again.chunkCount());
    assertEquals(150_000, again.diskUsage().usedBytes());
  }

  @Test
  void fsyncModeWritesAndReopens(@TempDir Path syncDir) throws Exception {
    byte[] data = randomBytes(100_000);
    try (ChunkStore synced = ChunkStore.open("cs-sync", syncDir, true)) {
      synced.create(1, 1, CHUNK_SIZE);
      synced.write(1, 0, ByteString.copyFrom(data));
    }
    try (ChunkStore again = ChunkStore.open("cs-sync", syncDir, true)) {
      assertArrayEquals(data, readAll(again, 1));
    }
  }

  @Test
  void copyLocalDuplicatesDataAndChecksums() throws Exception {
    byte[] data = randomBytes(200_000);
    store.create(20, 2, CHUNK_SIZE);
    store.write(20, 0, ByteString.copyFrom(data));
    assertTrue(store.copyLocal(20, 21, 3));
    assertFalse(store.copyLocal(20, 21, 3), "a second copy is a no-op");
    assertArrayEquals(data, readAll(store, 21));
    assertEquals(3, store.record(21).orElseThrow().version());
    store.write(21, 10, ByteString.copyFrom(new byte[] {1, 2}));
    assertArrayEquals(data, readAll(store, 20), "the source is unchanged by writes to the copy");
  }

  @Test
  void scrubberFindsCorruptionInChunksNobodyReads() throws Exception {
    store.create(30, 1, CHUNK_SIZE);
    store.create(31, 1, CHUNK_SIZE);
    store.write(30, 0, ByteString.copyFrom(randomBytes(2 * BLOCK)));
    store.write(31, 0, ByteString.copyFrom(randomBytes(2 * BLOCK)));
    flipByte(31, BLOCK + 1);
    Scrubber scrubber = new Scrubber(store, () -> 0, 60_000, 1L << 30);
    assertEquals(30, scrubber.scrubNext().getAsLong());
    assertFalse(store.record(30).orElseThrow().corrupt());
    assertEquals(31, scrubber.scrubNext().getAsLong());
    assertTrue(store.record(31).orElseThrow().corrupt(), "corruption found without any client read");
    assertEquals(30, scrubber.scrubNext().getAsLong(), "the next pass starts over, skipping corrupt chunks");
  }

  @Test
  void chunkChecksumIsTheCrc32cOfItsBytesComposedFromTheStoredBlocksWithoutReadingThem() throws Exception {
    store.create(0x2a, 3, CHUNK_SIZE);
    assertEquals(new ChunkChecksum(0, 0, 3), store.checksum(0x2a, 3), "empty chunk");
    byte[] first = randomBytes(2 * BLOCK + 500);
    store.write(0x2a, 0, ByteString.copyFrom(first));
    byte[] appended = randomBytes(BLOCK + 7);        // extends the partial last block
    store.write(0x2a, first.length, ByteString.copyFrom(appended));
    java.util.zip.CRC32C whole = new java.util.zip.CRC32C();
    whole.update(first);
    whole.update(appended);

    ChunkChecksum checksum = store.checksum(0x2a, 0);
    assertEquals(first.length + appended.length, checksum.length());
    assertEquals((int) whole.getValue(), checksum.crc32c());
    ChunkserverException stale = assertThrows(ChunkserverException.class, () -> store.checksum(0x2a, 2));
    assertEquals(ErrorCode.STALE_VERSION, stale.code());

    flipByte(0x2a, BLOCK + 3);  // not seen: no data is read
    assertEquals((int) whole.getValue(), store.checksum(0x2a, 3).crc32c());
    assertThrows(ChunkserverException.class, () -> readAll(store, 0x2a));
    ChunkserverException corrupt = assertThrows(ChunkserverException.class, () -> store.checksum(0x2a, 3));
    assertEquals(ErrorCode.CHECKSUM_MISMATCH, corrupt.code(), "a replica found corrupt refuses");
  }

  private void flipByte(long handle, long position) throws IOException {
    Path file = dataDir.resolve("chunks").resolve(String.format("%016x.chunk", handle));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x40);
    }
  }
}
