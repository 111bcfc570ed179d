package gfs.chunkserver.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushBufferTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private static ByteString bytes(int n) {
    return ByteString.copyFrom(new byte[n]);
  }

  @Test
  void boundIsNeverExceededUnderManyConcurrentPushes() throws Exception {
    long capacity = 1 << 20;
    PushBuffer buffer = new PushBuffer("cs-1", capacity, 60_000, System::nanoTime);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong maxSeen = new AtomicLong();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger applied = new AtomicInteger();
    Thread watcher = new Thread(() -> {
      while (running.get()) {
        maxSeen.accumulateAndGet(buffer.reservedBytes(), Math::max);
      }
    }, "buffer-watcher");
    watcher.start();
    ExecutorService pushers = Executors.newFixedThreadPool(16, gfs.rpc.NamedThreads.factory("test-pusher", true));
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int seed = t;
      done.add(pushers.submit(() -> {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
          String id = "p" + seed + "-" + i;
          int length = random.nextInt(200_000) + 1;
          try {
            PushEntry entry = buffer.begin(id, length);
            int sent = 0;
            while (sent < length) {
              int piece = Math.min(length - sent, 32_768);
              buffer.append(entry, bytes(piece));
              sent += piece;
            }
            buffer.complete(entry);
            if (random.nextBoolean()) {
              PushEntry used = buffer.acquire(id, length);
              assertEquals(length, used.data().size());
              buffer.release(used, true);
              applied.incrementAndGet();
            }
          } catch (ChunkserverException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
              refused.incrementAndGet();
            } else if (e.code() != ErrorCode.DATA_NOT_PUSHED) {  // evicted before use: allowed
              throw new AssertionError(e);
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pushers.shutdown();
    running.set(false);
    watcher.join();
    assertTrue(maxSeen.get() <= capacity, "reserved " + maxSeen.get() + " > capacity " + capacity);
    assertTrue(buffer.reservedBytes() <= capacity);
    assertTrue(applied.get() > 0, "some pushes were used");
    buffer.close();
  }

  @Test
  void unusedDataExpires() throws Exception {
    PushBuffer buffer = new PushBuffer("cs-1", 1 << 20, 1000, nanos::get);
    PushEntry entry = buffer.begin("a", 10);
    buffer.append(entry, bytes(10));
    buffer.complete(entry);
    PushEntry stalled = buffer.begin("b", 10);  // never completes
    buffer.append(stalled, bytes(4));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    assertEquals(0, buffer.expire());
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
    assertEquals(2, buffer.expire());
    assertEquals(0, buffer.reservedBytes());
    ChunkserverException e = assertThrows(ChunkserverException.class, () -> buffer.acquire("a", 10));
    assertEquals(ErrorCode.DATA_NOT_PUSHED, e.code());
    ChunkserverException late = assertThrows(ChunkserverException.class, () -> buffer.append(stalled, bytes(1)));
    assertEquals(ErrorCode.UNAVAILABLE, late.code());
  }

  @Test
  void reaperThreadExpiresDataOnItsOwn() throws Exception {
    PushBuffer buffer = new PushBuffer("cs-1", 1 << 20, 50, System::nanoTime);
    buffer.startReaper();
    try {
      PushEntry entry = buffer.begin("a", 3);
      buffer.append(entry, bytes(3));
      buffer.complete(entry);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (buffer.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, buffer.size());
    } finally {
      buffer.close();
    }
  }

  @Test
  void fullBufferEvictsLeastRecentlyUsedCompleteDataButNeverReceivingOrPinned() throws Exception {
    PushBuffer buffer = new PushBuffer("cs-7", 100, 60_000, nanos::get);
    PushEntry old = complete(buffer, "old", 30);
    nanos.addAndGet(1);
    PushEntry pinnedEntry = complete(buffer, "pinned", 30);
    PushEntry pinned = buffer.acquire("pinned", 30);
    nanos.addAndGet(1);
    buffer.begin("receiving", 30);
    PushEntry fresh = buffer.begin("fresh", 40);  // needs 40, 10 free: evicts "old" only
    assertFalse(buffer.holds("old"));
    assertTrue(buffer.holds("pinned"));
    assertEquals(100, buffer.reservedBytes());
    ChunkserverException e = assertThrows(ChunkserverException.class, () -> buffer.begin("more", 1));
    assertEquals(ErrorCode.UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("push buffer full on cs-7"), e.getMessage());
    buffer.release(pinned, true);
    assertEquals(70, buffer.reservedBytes());
    assertTrue(old != pinnedEntry && fresh != null);
  }

  private PushEntry complete(PushBuffer buffer, String id, int length) throws ChunkserverException {
    PushEntry entry = buffer.begin(id, length);
    buffer.append(entry, bytes(length));
    buffer.complete(entry);
    return entry;
  }
}
