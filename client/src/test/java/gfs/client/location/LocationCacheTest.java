package gfs.client.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocationCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final LocationCache cache = new LocationCache(60_000, nanos::get, 3, 100);

  @Test
  void entryLivesForTheConfiguredTimeThenExpires() {
    cache.put("/f", List.of(chunk(0, 0x10), chunk(1, 0x11)));
    advanceMs(59_999);
    assertEquals(0x11, cache.get("/f", 1).getHandle());
    advanceMs(1);
    assertNull(cache.get("/f", 0));
    assertNull(cache.get("/f", 1));
  }

  @Test
  void refreshedEntryGetsANewLifetime() {
    cache.put("/f", List.of(chunk(0, 0x10)));
    advanceMs(50_000);
    cache.put("/f", List.of(chunk(0, 0x20)));
    advanceMs(50_000);
    assertEquals(0x20, cache.get("/f", 0).getHandle());
  }

  @Test
  void chunkWithoutReplicasIsNotCached() {
    cache.put("/f", List.of(ChunkLocation.newBuilder().setChunkIndex(0).setHandle(1).build()));
    assertNull(cache.get("/f", 0));
  }

  @Test
  void invalidateForgetsOneChunk() {
    cache.put("/f", List.of(chunk(0, 0x10), chunk(1, 0x11)));
    cache.invalidate("/f", 0);
    assertNull(cache.get("/f", 0));
    assertNotNull(cache.get("/f", 1));
  }

  @Test
  void invalidateTreeForgetsThePathAndEverythingUnderIt() {
    cache.put("/d/a", List.of(chunk(0, 1)));
    cache.put("/d/b/c", List.of(chunk(0, 2)));
    cache.put("/dx", List.of(chunk(0, 3)));
    cache.invalidateTree("/d");
    assertNull(cache.get("/d/a", 0));
    assertNull(cache.get("/d/b/c", 0));
    assertNotNull(cache.get("/dx", 0));
  }

  @Test
  void holdsAtMostMaxFilesEvictingTheLeastRecentlyUsed() {
    cache.put("/a", List.of(chunk(0, 1)));
    cache.put("/b", List.of(chunk(0, 2)));
    cache.put("/c", List.of(chunk(0, 3)));
    cache.get("/a", 0); // /b is now the least recently used
    cache.put("/d", List.of(chunk(0, 4)));
    assertEquals(3, cache.fileCount());
    assertNull(cache.get("/b", 0));
    assertNotNull(cache.get("/a", 0));
  }

  @Test
  void zeroExpiryDisablesCaching() {
    LocationCache none = new LocationCache(0, nanos::get, 10, 10);
    none.put("/f", List.of(chunk(0, 1)));
    assertNull(none.get("/f", 0));
  }

  private void advanceMs(long ms) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  private static ChunkLocation chunk(long index, long handle) {
    return ChunkLocation.newBuilder().setChunkIndex(index).setHandle(handle).setVersion(1)
        .addReplicas(ChunkserverInfo.newBuilder().setId("cs-1").setHost("127.0.0.1")
            .setPort(7301))
        .build();
  }
}
