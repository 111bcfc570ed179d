package gfs.chunkserver.storage;

import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The LMDB environment at {@code <data.dir>/meta}: table {@code chunks} (handle -> version,
 * length, chunk size, corrupt flag) and table {@code checksums} (handle + block index ->
 * CRC32C of that 64 KB block). Every method is one short transaction.
 */
final class ChunkMetaStore implements AutoCloseable {
  /** Address space reserved for the map (the file grows as used): ~80,000 chunks of 64 MB. */
  static final long MAP_SIZE_BYTES = 4L << 30;
  static final long MISSING = -1L;

  private final Path dir;
  private final Env<byte[]> env;
  private final Dbi<byte[]> chunks;
  private final Dbi<byte[]> checksums;

  private ChunkMetaStore(Path dir, Env<byte[]> env) {
    this.dir = dir;
    this.env = env;
    this.chunks = env.openDbi("chunks", DbiFlags.MDB_CREATE);
    this.checksums = env.openDbi("checksums", DbiFlags.MDB_CREATE);
  }

  static ChunkMetaStore open(Path dir, boolean fsync) throws IOException {
    Files.createDirectories(dir);
    // Without fsync, a killed process loses nothing (the pages are in the OS cache);
    // only a machine crash can, and then the master treats the replica as stale or corrupt.
    EnvFlags[] flags = fsync
        ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
        : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
    Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA)
        .setMapSize(MAP_SIZE_BYTES)
        .setMaxDbs(2)
        .setMaxReaders(512)
        .open(dir.toFile(), flags);
    return new ChunkMetaStore(dir, env);
  }

  Path dir() {
    return dir;
  }

  List<ChunkRecord> loadAll() {
    List<ChunkRecord> records = new ArrayList<>();
    try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> cursor = chunks.iterate(txn)) {
      for (CursorIterable.KeyVal<byte[]> entry : cursor) {
        records.add(ChunkRecord.decode(ByteBuffer.wrap(entry.key()).getLong(), entry.val()));
      }
    }
    return records;
  }

  /** Stored CRCs of blocks first..last inclusive; {@link #MISSING} where none is stored. */
  long[] checksums(long handle, int firstBlock, int lastBlock) {
    long[] result = new long[lastBlock - firstBlock + 1];
    try (Txn<byte[]> txn = env.txnRead()) {
      for (int block = firstBlock; block <= lastBlock; block++) {
        byte[] value = checksums.get(txn, blockKey(handle, block));
        result[block - firstBlock] = value == null ? MISSING : Integer.toUnsignedLong(ByteBuffer.wrap(value).getInt());
      }
    }
    return result;
  }

  void put(ChunkRecord record) throws ChunkserverException {
    write(txn -> chunks.put(txn, handleKey(record.handle()), record.encode()));
  }

  /** Stores the record and the CRCs of blocks firstBlock.. in one transaction. */
  void put(ChunkRecord record, int firstBlock, int[] crcs) throws ChunkserverException {
    write(txn -> {
      for (int i = 0; i < crcs.length; i++) {
        checksums.put(txn, blockKey(record.handle(), firstBlock + i), crcValue(crcs[i]));
      }
      chunks.put(txn, handleKey(record.handle()), record.encode());
    });
  }

  /** Replaces a chunk's record and all its checksums (clone, copy-on-write). */
  void replace(ChunkRecord record, int[] crcs, int oldBlockCount) throws ChunkserverException {
    write(txn -> {
      for (int block = crcs.length; block < oldBlockCount; block++) {
        checksums.delete(txn, blockKey(record.handle(), block));
      }
      for (int i = 0; i < crcs.length; i++) {
        checksums.put(txn, blockKey(record.handle(), i), crcValue(crcs[i]));
      }
      chunks.put(txn, handleKey(record.handle()), record.encode());
    });
  }

  /** Removes a chunk's record and its checksums (blocks 0..blockCount-1). */
  void delete(long handle, int blockCount) throws ChunkserverException {
    write(txn -> {
      for (int block = 0; block < blockCount; block++) {
        checksums.delete(txn, blockKey(handle, block));
      }
      chunks.delete(txn, handleKey(handle));
    });
  }

  @Override
  public void close() {
    env.close();
  }

  private interface TxnBody {
    void run(Txn<byte[]> txn);
  }

  private void write(TxnBody body) throws ChunkserverException {
    try (Txn<byte[]> txn = env.txnWrite()) {
      body.run(txn);
      txn.commit();
    } catch (Env.MapFullException e) {
      throw new ChunkserverException(ErrorCode.DISK_FULL,
          "chunk metadata store " + dir + " is full (" + MAP_SIZE_BYTES + " bytes mapped)", e);
    } catch (LmdbException e) {
      if (String.valueOf(e.getMessage()).contains("No space left")) {
        throw new ChunkserverException(ErrorCode.DISK_FULL, "disk full writing " + dir, e);
      }
      throw e;
    }
  }

  static byte[] handleKey(long handle) {
    return ByteBuffer.allocate(8).putLong(handle).array();
  }

  static byte[] blockKey(long handle, int block) {
    return ByteBuffer.allocate(12).putLong(handle).putInt(block).array();
  }

  private static byte[] crcValue(int crc) {
    return ByteBuffer.allocate(4).putInt(crc).array();
  }
}
