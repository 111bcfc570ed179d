package gfs.chunkserver.storage;

import static gfs.chunkserver.Text.chunk;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of this server: data in {@code <data.dir>/chunks/<handle>.chunk}, version,
 * length and 64 KB block checksums in LMDB at {@code <data.dir>/meta}. Every read verifies
 * the blocks it touches; every write keeps the checksums of the blocks it touches right.
 * A chunk's version never goes down.
 */
public final class ChunkStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkStore.class);

  /** Piece size of local copies; bounded so a copy holds little memory. */
  private static final int COPY_PIECE_BYTES = 1 << 20;

  private final String serverId;
  private final Path dataDir;
  private final ChunkFiles files;
  private final ChunkMetaStore meta;
  private final Map<Long, StoredChunk> chunks = new ConcurrentHashMap<>();
  private final AtomicLong usedBytes = new AtomicLong();
  // For metrics: totals since start.
  private final LongAdder writtenBytes = new LongAdder();
  private final LongAdder checksumFailures = new LongAdder();
  private final List<ChunkListener> listeners = new CopyOnWriteArrayList<>();
  /** Serializes adding and removing chunks (not their reads and writes). */
  private final Object membership = new Object();

  private ChunkStore(String serverId, Path dataDir, ChunkFiles files, ChunkMetaStore meta) {
    this.serverId = serverId;
    this.dataDir = dataDir;
    this.files = files;
    this.meta = meta;
  }

  /** Opens the store and rebuilds the chunk list from LMDB, dropping records without a file. */
  public static ChunkStore open(String serverId, Path dataDir, boolean fsync) throws IOException {
    ChunkFiles files = new ChunkFiles(dataDir.resolve("chunks"), serverId, fsync);
    ChunkMetaStore meta = ChunkMetaStore.open(dataDir.resolve("meta"), fsync);
    ChunkStore store = new ChunkStore(serverId, dataDir, files, meta);
    try {
      store.load();
    } catch (IOException | ChunkserverException | RuntimeException e) {
      meta.close();
      throw new IOException("cannot load chunks of " + serverId + " from " + dataDir + ": " + e.getMessage(), e);
    }
    return store;
  }

  private void load() throws IOException, ChunkserverException {
    Set<Long> known = new HashSet<>();
    for (ChunkRecord record : meta.loadAll()) {
      Path file = files.path(record.handle());
      if (!Files.isRegularFile(file)) {
        LOG.warn("{}: dropping {} (version {}, {} bytes): its file {} is missing",
            serverId, chunk(record.handle()), record.version(), record.length(), file);
        meta.delete(record.handle(), BlockChecksums.blockCount(record.length()));
        continue;
      }
      ChunkRecord loaded = record;
      if (Files.size(file) < record.length() && !record.corrupt()) {
        LOG.warn("{}: {} file {} is shorter ({} bytes) than its recorded length {}: marked corrupt",
            serverId, chunk(record.handle()), file, Files.size(file), record.length());
        loaded = record.withCorrupt(true);
        meta.put(loaded);
      }
      chunks.put(loaded.handle(), new StoredChunk(loaded));
      usedBytes.addAndGet(loaded.length());
      known.add(loaded.handle());
    }
    for (Path file : files.list()) {
      OptionalLong handle = ChunkFiles.handleOf(file);
      if (handle.isEmpty() || !known.contains(handle.getAsLong())) {
        // A crash between creating a file and recording it, or an unfinished clone.
        LOG.warn("{}: deleting {}: no chunk record refers to it", serverId, file);
        Files.deleteIfExists(file);
      }
    }
    LOG.info("{}: loaded {} chunks ({} bytes) from {}", serverId, chunks.size(), usedBytes.get(), dataDir);
  }

  public void addListener(ChunkListener listener) {
    listeners.add(listener);
  }

  public String serverId() {
    return serverId;
  }

  public Optional<ChunkRecord> record(long handle) {
    StoredChunk stored = chunks.get(handle);
    return stored == null ? Optional.empty() : Optional.of(stored.record);
  }

  public List<ChunkRecord> records() {
    List<ChunkRecord> result = new ArrayList<>(chunks.size());
    for (StoredChunk stored : chunks.values()) {
      result.add(stored.record);
    }
    return result;
  }

  public int chunkCount() {
    return chunks.size();
  }

  /** Bytes of chunk data held (the chunks' lengths). */
  public long chunkBytes() {
    return usedBytes.get();
  }

  /** Bytes written by mutations (writes, appends, padding) since start. */
  public long writtenBytes() {
    return writtenBytes.sum();
  }

  /** Checksum mismatches found (reads, writes, scrubs) since start. */
  public long checksumFailures() {
    return checksumFailures.sum();
  }

  public DiskUsage diskUsage() throws IOException {
    FileStore store = Files.getFileStore(files.dir());
    return new DiskUsage(store.getTotalSpace(), usedBytes.get(), store.getUsableSpace());
  }

  /**
   * Creates an empty chunk at {@code version}; returns false (and changes nothing) when the
   * chunk already exists.
   */
  public boolean create(long handle, long version, long chunkSizeBytes) throws ChunkserverException {
    if (version <= 0 || chunkSizeBytes <= 0) {
      throw new IllegalArgumentException(chunk(handle) + ": version " + version + " and chunk size "
          + chunkSizeBytes + " must be positive");
    }
    synchronized (membership) {
      if (chunks.containsKey(handle)) {
        return false;
      }
      ChunkRecord record = new ChunkRecord(handle, version, 0, chunkSizeBytes, false);
      files.createEmpty(handle);
      meta.put(record);
      chunks.put(handle, new StoredChunk(record));
    }
    LOG.info("{}: created {} at version {} (chunk size {} bytes)", serverId, chunk(handle), version, chunkSizeBytes);
    changed(handle);
    return true;
  }

  /**
   * Writes {@code data} at {@code offset}, zero-filling any gap after the current end.
   * Returns the chunk's new length.
   */
  public long write(long handle, long offset, ByteString data) throws ChunkserverException {
    StoredChunk stored = require(handle);
    long newLength;
    stored.lock.writeLock().lock();
    try {
      ChunkRecord record = live(stored);
      long end = offset + data.size();
      if (offset < 0 || end > record.chunkSizeBytes()) {
        throw new ChunkserverException(ErrorCode.OUT_OF_RANGE, "write of " + data.size() + " bytes at offset "
            + offset + " is outside " + chunk(handle) + " (chunk size " + record.chunkSizeBytes() + ")");
      }
      if (data.isEmpty()) {
        return record.length();
      }
      long oldLength = record.length();
      long start = Math.min(offset, oldLength);
      ByteString region = offset > oldLength ? ChunkFiles.zeros(offset - oldLength).concat(data) : data;
      int[] crcs;
      try {
        crcs = WriteChecksums.compute(oldLength, start, region, existingBlocks(stored));
      } catch (ChunkserverException e) {
        if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
          markCorruptLocked(stored, e.getMessage());
        }
        throw e;
      }
      files.write(files.path(handle), start, region);
      writtenBytes.add(region.size());
      ChunkRecord updated = record.withLength(Math.max(oldLength, end));
      meta.put(updated, BlockChecksums.blockIndex(start), crcs);
      stored.record = updated;
      usedBytes.addAndGet(updated.length() - oldLength);
      newLength = updated.length();
    } finally {
      stored.lock.writeLock().unlock();
    }
    changed(handle);
    return newLength;
  }

  /** Fills the chunk with zeros up to its chunk size (record append that did not fit). */
  public long pad(long handle) throws ChunkserverException {
    ChunkRecord record = require(handle).record;
    long missing = record.chunkSizeBytes() - record.length();
    if (missing <= 0) {
      return record.length();
    }
    // Only the primary's serialized mutations write a chunk, so its length cannot move between
    // the lookup and the write; write() re-checks the bounds anyway.
    return write(handle, record.length(), ChunkFiles.zeros(missing));
  }

  /**
   * Reads up to {@code length} bytes at {@code offset} (short at the end of the chunk),
   * verifying every block touched. {@code expectedVersion} 0 means any version.
   */
  public ReadResult read(long handle, long expectedVersion, long offset, int length) throws ChunkserverException {
    StoredChunk stored = require(handle);
    ChunkserverException mismatch = null;
    stored.lock.readLock().lock();
    try {
      ChunkRecord record = live(stored);
      if (expectedVersion != 0 && expectedVersion != record.version()) {
        throw new ChunkserverException(ErrorCode.STALE_VERSION, chunk(handle) + " is at version "
            + record.version() + " on " + serverId + ", not " + expectedVersion);
      }
      if (offset < 0 || length < 0) {
        throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT,
            "read of " + chunk(handle) + " at offset " + offset + " length " + length);
      }
      long end = Math.min(record.length(), offset + length);
      if (offset >= end) {
        return new ReadResult(ByteString.EMPTY, record.length(), record.version());
      }
      int first = BlockChecksums.blockIndex(offset);
      int last = BlockChecksums.blockIndex(end - 1);
      long spanStart = BlockChecksums.blockStart(first);
      long spanEnd = Math.min(record.length(), BlockChecksums.blockStart(last) + BlockChecksums.BLOCK_BYTES);
      byte[] bytes = files.read(handle, spanStart, (int) (spanEnd - spanStart));
      long[] storedCrcs = meta.checksums(handle, first, last);
      for (int block = first; block <= last && mismatch == null; block++) {
        int at = (int) (BlockChecksums.blockStart(block) - spanStart);
        int size = (int) Math.min(BlockChecksums.BLOCK_BYTES, bytes.length - at);
        long expected = storedCrcs[block - first];
        if (expected != Integer.toUnsignedLong(BlockChecksums.crc(bytes, at, size))) {
          mismatch = mismatchError(handle, block, expected == ChunkMetaStore.MISSING
              ? "no checksum stored" : "checksum mismatch");
        }
      }
      if (mismatch == null) {
        return new ReadResult(UnsafeByteOperations.unsafeWrap(bytes, (int) (offset - spanStart), (int) (end - offset)),
            record.length(), record.version());
      }
    } catch (ChunkserverException e) {
      if (e.code() != ErrorCode.CHECKSUM_MISMATCH) {
        throw e;
      }
      mismatch = e;
    } finally {
      stored.lock.readLock().unlock();
    }
    markCorrupt(stored, mismatch.getMessage());
    throw mismatch;
  }

  /**
   * The CRC32C of the chunk's content, composed from its stored block checksums without
   * reading the data, so it is the same on every replica holding the same bytes. A replica
   * already found corrupt refuses (CHECKSUM_MISMATCH), as its reads would.
   * {@code expectedVersion} 0 means any version.
   */
  public ChunkChecksum checksum(long handle, long expectedVersion) throws ChunkserverException {
    StoredChunk stored = require(handle);
    stored.lock.readLock().lock();
    try {
      ChunkRecord record = live(stored);
      if (expectedVersion != 0 && expectedVersion != record.version()) {
        throw new ChunkserverException(ErrorCode.STALE_VERSION, chunk(handle) + " is at version "
            + record.version() + " on " + serverId + ", not " + expectedVersion);
      }
      if (record.corrupt()) {
        throw new ChunkserverException(ErrorCode.CHECKSUM_MISMATCH,
            chunk(handle) + " on " + serverId + " is marked corrupt");
      }
      int blocks = BlockChecksums.blockCount(record.length());
      if (blocks == 0) {
        return new ChunkChecksum(0, 0, record.version());
      }
      long[] storedCrcs = meta.checksums(handle, 0, blocks - 1);
      int crc = 0;
      for (int block = 0; block < blocks; block++) {
        if (storedCrcs[block] == ChunkMetaStore.MISSING) {
          throw mismatchError(handle, block, "no checksum stored");
        }
        long size = Math.min(BlockChecksums.BLOCK_BYTES, record.length() - BlockChecksums.blockStart(block));
        crc = BlockChecksums.combine(crc, (int) storedCrcs[block], size);
      }
      return new ChunkChecksum(record.length(), crc, record.version());
    } finally {
      stored.lock.readLock().unlock();
    }
  }

  /** Raises a chunk's version. Lowering it is a broken invariant and throws. */
  public void setVersion(long handle, long newVersion) throws ChunkserverException {
    StoredChunk stored = require(handle);
    stored.lock.writeLock().lock();
    try {
      ChunkRecord record = live(stored);
      if (newVersion < record.version()) {
        String message = serverId + ": refusing to lower the version of " + chunk(handle)
            + " from " + record.version() + " to " + newVersion;
        LOG.error(message);
        throw new IllegalStateException(message);
      }
      if (newVersion == record.version()) {
        return;
      }
      ChunkRecord updated = record.withVersion(newVersion);
      meta.put(updated);
      stored.record = updated;
    } finally {
      stored.lock.writeLock().unlock();
    }
    LOG.debug("{}: {} now at version {}", serverId, chunk(handle), newVersion);
    changed(handle);
  }

  /** Deletes a chunk's file and records; returns false when it was not here. */
  public boolean delete(long handle) throws ChunkserverException {
    ChunkRecord record;
    synchronized (membership) {
      StoredChunk stored = chunks.get(handle);
      if (stored == null) {
        return false;
      }
      stored.lock.writeLock().lock();
      try {
        record = stored.record;
        stored.deleted = true;
        chunks.remove(handle);
        meta.delete(handle, BlockChecksums.blockCount(record.length()));
        try {
          files.delete(handle);
        } catch (IOException e) {
          // The record is gone, so the next start deletes the file as an orphan.
          LOG.warn("{}: could not delete file of {}: {}", serverId, chunk(handle), e.toString());
        }
        usedBytes.addAndGet(-record.length());
      } finally {
        stored.lock.writeLock().unlock();
      }
    }
    LOG.info("{}: deleted {} (version {}, {} bytes)", serverId, chunk(handle), record.version(), record.length());
    for (ChunkListener listener : listeners) {
      listener.chunkRemoved(handle);
    }
    return true;
  }

  /**
   * Starts receiving a whole chunk (clone from a peer, local copy-on-write). The chunk
   * appears only when the import commits.
   */
  public ChunkImport beginImport(long handle, long version, long chunkSizeBytes) throws ChunkserverException {
    try {
      Path part = Files.createTempFile(files.dir(), String.format("%016x.", handle), ChunkFiles.PART_SUFFIX);
      return new ChunkImport(this, handle, version, chunkSizeBytes, part, files);
    } catch (IOException e) {
      throw files.translate(e, files.dir());
    }
  }

  /**
   * Copy-on-write after a snapshot: copies a local chunk, verifying its checksums, to a new
   * handle at {@code version}. Returns false when the target already exists at that version
   * or newer.
   */
  public boolean copyLocal(long sourceHandle, long targetHandle, long version) throws ChunkserverException {
    ChunkRecord source = require(sourceHandle).record;
    Optional<ChunkRecord> existing = record(targetHandle);
    if (existing.isPresent() && existing.get().version() >= version) {
      return false;
    }
    try (ChunkImport copy = beginImport(targetHandle, version, source.chunkSizeBytes())) {
      long at = 0;
      while (at < source.length()) {
        int pieceBytes = (int) Math.min(COPY_PIECE_BYTES, source.length() - at);
        ByteString piece = read(sourceHandle, source.version(), at, pieceBytes).data();
        if (piece.isEmpty()) {
          break;  // shrank under us: commit() reports the short copy
        }
        copy.append(piece);
        at += piece.size();
      }
      boolean installed = copy.commit(source.length());
      if (installed) {
        LOG.info("{}: copied {} to {} at version {} ({} bytes) for copy-on-write", serverId,
            chunk(sourceHandle), chunk(targetHandle), version, source.length());
      }
      return installed;
    }
  }

  /** Called by a committing import: swaps the finished file in, unless a newer copy exists. */
  boolean install(ChunkRecord record, Path part, int[] crcs) throws ChunkserverException {
    long handle = record.handle();
    synchronized (membership) {
      StoredChunk stored = chunks.get(handle);
      if (stored == null) {
        move(part, handle);
        meta.replace(record, crcs, 0);
        chunks.put(handle, new StoredChunk(record));
        usedBytes.addAndGet(record.length());
      } else {
        stored.lock.writeLock().lock();
        try {
          ChunkRecord old = stored.record;
          if (old.version() >= record.version()) {
            return false;
          }
          move(part, handle);
          meta.replace(record, crcs, BlockChecksums.blockCount(old.length()));
          stored.record = record;
          usedBytes.addAndGet(record.length() - old.length());
        } finally {
          stored.lock.writeLock().unlock();
        }
      }
    }
    changed(handle);
    return true;
  }

  private void move(Path part, long handle) throws ChunkserverException {
    Path target = files.path(handle);
    try {
      Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      if (files.fsync()) {
        files.forceDirectory();
      }
    } catch (IOException e) {
      throw files.translate(e, target);
    }
  }

  @Override
  public void close() {
    meta.close();
  }

  private StoredChunk require(long handle) throws ChunkserverException {
    StoredChunk stored = chunks.get(handle);
    if (stored == null) {
      throw notFound(handle);
    }
    return stored;
  }

  private ChunkRecord live(StoredChunk stored) throws ChunkserverException {
    if (stored.deleted) {
      throw notFound(stored.handle);
    }
    return stored.record;
  }

  private ChunkserverException notFound(long handle) {
    return new ChunkserverException(ErrorCode.NOT_FOUND, chunk(handle) + " is not on " + serverId);
  }

  private ChunkserverException mismatchError(long handle, int block, String why) {
    return new ChunkserverException(ErrorCode.CHECKSUM_MISMATCH,
        chunk(handle) + " block " + block + " on " + serverId + ": " + why);
  }

  private WriteChecksums.ExistingBlocks existingBlocks(StoredChunk stored) {
    long handle = stored.handle;
    return new WriteChecksums.ExistingBlocks() {
      @Override public long storedCrc(int block) {
        return meta.checksums(handle, block, block)[0];
      }

      @Override public byte[] readVerified(int block, int length) throws ChunkserverException {
        byte[] bytes = files.read(handle, BlockChecksums.blockStart(block), length);
        long expected = storedCrc(block);
        if (expected != Integer.toUnsignedLong(BlockChecksums.crc(bytes, 0, length))) {
          throw mismatch(block, expected == ChunkMetaStore.MISSING ? "no checksum stored" : "checksum mismatch");
        }
        return bytes;
      }

      @Override public ChunkserverException mismatch(int block, String why) {
        return mismatchError(handle, block, why);
      }
    };
  }

  private void markCorrupt(StoredChunk stored, String why) {
    stored.lock.writeLock().lock();
    try {
      markCorruptLocked(stored, why);
    } finally {
      stored.lock.writeLock().unlock();
    }
  }

  private void markCorruptLocked(StoredChunk stored, String why) {
    LOG.warn("{}: checksum failure: {}", serverId, why);
    checksumFailures.increment();
    if (stored.deleted || stored.record.corrupt()) {
      return;
    }
    ChunkRecord updated = stored.record.withCorrupt(true);
    try {
      meta.put(updated);
    } catch (ChunkserverException e) {
      LOG.warn("{}: could not record {} as corrupt: {}", serverId, chunk(stored.handle), e.getMessage());
    }
    stored.record = updated;
    // Listeners only collect handles for the next heartbeat: safe under the lock.
    changed(stored.handle);
  }

  private void changed(long handle) {
    for (ChunkListener listener : listeners) {
      listener.chunkChanged(handle);
    }
  }
}
