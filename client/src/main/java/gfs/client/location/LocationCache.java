package gfs.client.location;

import gfs.client.common.GfsPaths;
import gfs.proto.ChunkLocation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Chunk locations per (path, chunk index), each kept for a fixed time after the master
 * gave it, as the paper's clients do: a stale entry is at worst a failed read that is
 * retried after a refresh. Bounded in files (least recently used evicted) and in chunks
 * per file. Thread-safe.
 */
public final class LocationCache {
  public static final int DEFAULT_MAX_FILES = 4_096;
  public static final int DEFAULT_MAX_CHUNKS_PER_FILE = 4_096;

  private final long expiryNanos;
  private final LongSupplier nanoClock;
  private final int maxChunksPerFile;
  private final LinkedHashMap<String, FileEntry> files;

  public LocationCache(long expiryMs, LongSupplier nanoClock, int maxFiles, int maxChunksPerFile) {
    this.expiryNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, expiryMs));
    this.nanoClock = nanoClock;
    this.maxChunksPerFile = maxChunksPerFile;
    this.files = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, FileEntry> eldest) {
        return size() > maxFiles;
      }
    };
  }

  public LocationCache(long expiryMs) {
    this(expiryMs, System::nanoTime, DEFAULT_MAX_FILES, DEFAULT_MAX_CHUNKS_PER_FILE);
  }

  /** The cached location of a chunk, or null when absent or expired. */
  public synchronized ChunkLocation get(String path, long chunkIndex) {
    FileEntry file = files.get(path);
    if (file == null) {
      return null;
    }
    Timed<ChunkLocation> entry = file.chunks.get(chunkIndex);
    if (entry == null) {
      return null;
    }
    if (isExpired(entry.expiresAtNanos)) {
      file.chunks.remove(chunkIndex);
      return null;
    }
    return entry.value;
  }

  /** Stores locations just received from the master. */
  public synchronized void put(String path, Iterable<ChunkLocation> chunks) {
    if (expiryNanos == 0) {
      return;
    }
    long expiresAt = nanoClock.getAsLong() + expiryNanos;
    FileEntry file = files.computeIfAbsent(path, p -> new FileEntry());
    for (ChunkLocation chunk : chunks) {
      if (chunk.getReplicasCount() == 0) {
        continue; // nothing to read from: ask again next time
      }
      if (file.chunks.size() >= maxChunksPerFile && !file.chunks.containsKey(chunk.getChunkIndex())) {
        file.chunks.clear(); // crude but bounded: a huge file just re-fetches
      }
      file.chunks.put(chunk.getChunkIndex(), new Timed<>(chunk, expiresAt));
    }
  }

  public synchronized void invalidate(String path, long chunkIndex) {
    FileEntry file = files.get(path);
    if (file != null) {
      file.chunks.remove(chunkIndex);
    }
  }

  /** Forgets path and everything under it (after delete, rename, create over it). */
  public synchronized void invalidateTree(String path) {
    files.keySet().removeIf(cached -> GfsPaths.isSameOrUnder(cached, path));
  }

  public synchronized int fileCount() {
    return files.size();
  }

  private boolean isExpired(long expiresAtNanos) {
    return expiresAtNanos - nanoClock.getAsLong() <= 0;
  }

  private static final class FileEntry {
    final Map<Long, Timed<ChunkLocation>> chunks = new HashMap<>();
  }

  private record Timed<T>(T value, long expiresAtNanos) {}
}
