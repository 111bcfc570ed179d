package gfs.client.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.LeaseInfo;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong wallMs = new AtomicLong(1_700_000_000_000L);
  private final LeaseCache cache = new LeaseCache(nanos::get, wallMs::get, 2);

  @Test
  void leaseIsUsedUntilShortlyBeforeItsAnnouncedExpiry() {
    cache.put("/f", lease(3, wallMs.get() + 60_000));
    advanceMs(58_999);
    assertNotNull(cache.get("/f", 3));
    advanceMs(1);
    assertNull(cache.get("/f", 3), "the last second of a lease is not relied on");
  }

  @Test
  void shortLeaseKeepsThreeQuartersOfItsTime() {
    cache.put("/f", lease(0, wallMs.get() + 2_000));
    advanceMs(1_499);
    assertNotNull(cache.get("/f", 0));
    advanceMs(1);
    assertNull(cache.get("/f", 0));
  }

  @Test
  void expiredOrUndatedLeaseIsNotKept() {
    cache.put("/f", lease(0, wallMs.get() - 1));
    cache.put("/g", lease(0, 0));
    assertNull(cache.get("/f", 0));
    assertNull(cache.get("/g", 0));
  }

  @Test
  void invalidationAndBound() {
    cache.put("/f", lease(0, wallMs.get() + 60_000));
    cache.put("/f", lease(1, wallMs.get() + 60_000));
    cache.invalidate("/f", 0);
    assertNull(cache.get("/f", 0));
    cache.put("/g", lease(0, wallMs.get() + 60_000));
    cache.put("/h", lease(0, wallMs.get() + 60_000));
    assertEquals(2, cache.size());
    cache.invalidateTree("/g");
    assertNull(cache.get("/g", 0));
    assertNotNull(cache.get("/h", 0));
  }

  @Test
  void lastChunkMovesForwardOnAppendsAndFollowsTheMaster() {
    assertEquals(-1, cache.lastChunkIndex("/log"));
    cache.rememberAppendedChunk("/log", 4);
    cache.rememberAppendedChunk("/log", 3); // a slower thread finishing on an older chunk
    assertEquals(4, cache.lastChunkIndex("/log"));
    cache.setLastChunk("/log", 1); // the file was replaced: the master's word wins
    assertEquals(1, cache.lastChunkIndex("/log"));
  }

  private void advanceMs(long ms) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  static Lease lease(long index, long expiresEpochMs) {
    ChunkserverInfo primary = ChunkserverInfo.newBuilder().setId("cs-1").setHost("127.0.0.1")
        .setPort(7301).build();
    return new Lease(LeaseInfo.newBuilder()
        .setChunk(ChunkLocation.newBuilder().setChunkIndex(index).setHandle(100 + index)
            .setVersion(2).addReplicas(primary))
        .setPrimary(primary)
        .setLeaseExpiresEpochMs(expiresEpochMs)
        .build(), 1 << 20);
  }
}
