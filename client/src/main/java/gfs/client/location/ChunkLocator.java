package gfs.client.location;

import gfs.client.GfsException;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.common.ErrorMapping;
import gfs.client.common.GfsPaths;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkLocationsRequest;
import gfs.proto.GetChunkLocationsResponse;
import gfs.proto.ReadOptions;
import java.util.List;

/**
 * Where the chunks of a file are: from the cache when fresh, else from the master, asking
 * for several chunks in one request so that sequential readers rarely ask at all. Asked as a
 * metadata read: a follower or shadow answers when stale reads are allowed (readOptions) or
 * when no leader answers (see MasterClient).
 */
public final class ChunkLocator {
  /** Chunks asked for in one GetChunkLocations. */
  public static final int CHUNKS_PER_REQUEST = 16;

  private final MasterClient master;
  private final LocationCache cache;
  private final ChunkSize chunkSize;
  private final ReadOptions readOptions;

  public ChunkLocator(MasterClient master, LocationCache cache, ChunkSize chunkSize,
      ReadOptions readOptions) {
    this.master = master;
    this.cache = cache;
    this.chunkSize = chunkSize;
    this.readOptions = readOptions;
  }

  /**
   * What the master said about a file from one chunk on.
   *
   * @param fileChunkCount chunks in the file, or -1 when the master did not say
   * @param location the asked chunk, or null when the file has no such chunk
   */
  public record Fetched(long fileChunkCount, ChunkLocation location) {}

  /** The location of a chunk (cached or fetched), or null when the file has no such chunk. */
  public ChunkLocation locate(String path, long chunkIndex, Deadline deadline)
      throws GfsException {
    ChunkLocation cached = cache.get(path, chunkIndex);
    return cached != null ? cached : fetch(path, chunkIndex, deadline).location();
  }

  /** Asks the master (never the cache) about chunkIndex and the chunks after it. */
  public Fetched fetch(String path, long chunkIndex, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    GetChunkLocationsRequest request = GetChunkLocationsRequest.newBuilder()
        .setPath(path).setFirstChunkIndex(chunkIndex).setChunkCount(CHUNKS_PER_REQUEST).build();
    GetChunkLocationsResponse response = master.read("locate chunk " + chunkIndex + " of " + path,
        deadline, (stub, read) -> stub.getChunkLocations(request.toBuilder()
            .setRead(readOptions.getAllowStale() ? readOptions : read).build()),
        GetChunkLocationsResponse::getError);
    chunkSize.learn(response.getChunkSize());
    if (response.getError().getCode() == ErrorCode.OUT_OF_RANGE) {
      // Asked past the last chunk: the file simply has no such chunk.
      long count = response.getFileChunkCount() > 0 ? response.getFileChunkCount()
          : chunkIndex == 0 ? 0 : -1;
      return new Fetched(count, null);
    }
    ErrorMapping.check(response.getError(), "locate chunk " + chunkIndex + " of " + path);
    cache.put(path, response.getChunksList());
    for (ChunkLocation chunk : response.getChunksList()) {
      if (chunk.getChunkIndex() == chunkIndex) {
        return new Fetched(response.getFileChunkCount(), chunk);
      }
    }
    if (chunkIndex < response.getFileChunkCount()) {
      throw new GfsException(GfsException.Kind.NO_CHUNKSERVERS, "chunk index " + chunkIndex
          + " of " + path + " has no live replica known to the master");
    }
    return new Fetched(response.getFileChunkCount(), null);
  }

  /** Chunks in the file, asked of the master. */
  public long fileChunkCount(String path, Deadline deadline) throws GfsException {
    long count = fetch(path, 0, deadline).fileChunkCount();
    return Math.max(0, count);
  }

  /** The cluster's chunk size, asking the master (about path) if it is not known yet. */
  public long chunkSize(String path, Deadline deadline) throws GfsException {
    long known = chunkSize.knownOrZero();
    if (known > 0) {
      return known;
    }
    fetch(path, 0, deadline);
    known = chunkSize.knownOrZero();
    if (known <= 0) {
      throw new GfsException(GfsException.Kind.INTERNAL,
          "the master did not report the chunk size when asked about " + path);
    }
    return known;
  }

  /** Records a location learnt elsewhere (a lease carries the chunk's new version). */
  public void remember(String path, ChunkLocation location) {
    cache.put(path, List.of(location));
  }

  public void invalidate(String path, long chunkIndex) {
    cache.invalidate(path, chunkIndex);
  }

  public void invalidateTree(String path) {
    cache.invalidateTree(path);
  }
}
