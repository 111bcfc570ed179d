package gfs.master.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * The master's persistent state: an LMDB environment holding the namespace, the chunk table,
 * the applied Raft position and the retry records, all changed in one transaction per log
 * entry. Nothing of it is cached on the heap, so the heap does not grow with the namespace;
 * LMDB maps the file and the page cache holds what is hot.
 */
public final class MasterStore implements Closeable {
  private final Path directory;
  private final Env<ByteBuffer> env;
  private final Dbi<ByteBuffer> inodes;
  private final Dbi<ByteBuffer> chunks;
  private final Dbi<ByteBuffer> meta;
  private final Dbi<ByteBuffer> calls;

  private MasterStore(Path directory, Env<ByteBuffer> env) {
    this.directory = directory;
    this.env = env;
    this.inodes = env.openDbi("inodes", DbiFlags.MDB_CREATE);
    this.chunks = env.openDbi("chunks", DbiFlags.MDB_CREATE);
    this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    this.calls = env.openDbi("calls", DbiFlags.MDB_CREATE);
  }

  /**
   * Opens (creating if needed) the store in directory. MDB_NOMETASYNC: one fsync per
   * transaction instead of two; an OS crash may undo the last transactions, which the Raft
   * log replays.
   */
  public static MasterStore open(Path directory, long maxBytes) throws IOException {
    Files.createDirectories(directory);
    Env<ByteBuffer> env = Env.create()
        .setMapSize(maxBytes)
        .setMaxDbs(8)
        .setMaxReaders(512)
        .open(directory.toFile(), EnvFlags.MDB_NOMETASYNC, EnvFlags.MDB_NOTLS);
    return new MasterStore(directory, env);
  }

  public Path directory() {
    return directory;
  }

  public Txn<ByteBuffer> readTxn() {
    return env.txnRead();
  }

  public Txn<ByteBuffer> writeTxn() {
    return env.txnWrite();
  }

  public Dbi<ByteBuffer> inodes() {
    return inodes;
  }

  public Dbi<ByteBuffer> chunks() {
    return chunks;
  }

  public Dbi<ByteBuffer> meta() {
    return meta;
  }

  public Dbi<ByteBuffer> calls() {
    return calls;
  }

  /** Reads and parses one record, or null when the key is absent. */
  public static <T> T get(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db, ByteBuffer key,
      Parser<T> parser) {
    ByteBuffer value = db.get(txn, key);
    if (value == null) {
      return null;
    }
    return parse(value, parser);
  }

  public static <T> T parse(ByteBuffer value, Parser<T> parser) {
    try {
      return parser.parseFrom(value.duplicate());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt record in the master store: " + e.getMessage(), e);
    }
  }

  public static void put(Txn<ByteBuffer> txn, Dbi<ByteBuffer> db, ByteBuffer key,
      MessageLite value) {
    byte[] bytes = value.toByteArray();
    ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, bytes.length));
    buffer.put(bytes).flip();
    db.put(txn, key, buffer);
  }

  /** Copies a consistent image of the store into target (a new directory), compacted. */
  public void copyTo(Path target) throws IOException {
    Files.createDirectories(target);
    env.copy(target.toFile(), org.lmdbjava.CopyFlags.MDB_CP_COMPACT);
  }

  /**
   * Replaces the whole content of this store with that of a checkpoint's data file, in one
   * write transaction: readers see the old state or the new one, never a mix.
   */
  public void replaceWith(Path checkpointDataFile, long maxBytes) throws IOException {
    Env<ByteBuffer> source = Env.create().setMapSize(maxBytes).setMaxDbs(8).setMaxReaders(8)
        .open(checkpointDataFile.toFile(), EnvFlags.MDB_NOSUBDIR, EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK);
    try {
      // Handles are opened before the transactions: opening one inside the write transaction
      // would wait for a second writer, forever.
      Map<Dbi<ByteBuffer>, Dbi<ByteBuffer>> originToTarget = new LinkedHashMap<>();
      originToTarget.put(source.openDbi("inodes"), inodes);
      originToTarget.put(source.openDbi("chunks"), chunks);
      originToTarget.put(source.openDbi("meta"), meta);
      originToTarget.put(source.openDbi("calls"), calls);
      try (Txn<ByteBuffer> from = source.txnRead(); Txn<ByteBuffer> to = env.txnWrite()) {
        for (Map.Entry<Dbi<ByteBuffer>, Dbi<ByteBuffer>> pair : originToTarget.entrySet()) {
          pair.getValue().drop(to);
          try (CursorIterable<ByteBuffer> cursor = pair.getKey().iterate(from)) {
            for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
              pair.getValue().put(to, copyOf(entry.key()), copyOf(entry.val()));
            }
          }
        }
        to.commit();
      }
    } finally {
      source.close();
    }
  }

  /** A direct copy of a buffer LMDB lent (valid only inside its transaction). */
  public static ByteBuffer copyOf(ByteBuffer buffer) {
    ByteBuffer copy = ByteBuffer.allocateDirect(Math.max(1, buffer.remaining()));
    copy.put(buffer.duplicate()).flip();
    return copy;
  }

  /** Flushes everything committed so far to disk. */
  public void sync() {
    env.sync(true);
  }

  @Override
  public void close() {
    env.close();
  }
}
