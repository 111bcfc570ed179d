package gfs.master.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Namespace locking as in GFS section 4.1, on counts that any thread may release. */
class PathLocksTest {
  private final PathLocks locks = new PathLocks();

  private static GfsPath p(String text) {
    return GfsPath.parse(text);
  }

  @Test
  void requestReadsAncestorsAndLocksTheLeaf() {
    assertEquals(Map.of("/home", PathLocks.Mode.READ, "/home/user", PathLocks.Mode.READ,
            "/home/user/foo", PathLocks.Mode.WRITE),
        PathLocks.request().write(p("/home/user/foo")).modes());
    // Rename: both leaves written, ancestors of both read; a path that is both keeps WRITE.
    assertEquals(Map.of("/a", PathLocks.Mode.WRITE, "/b", PathLocks.Mode.READ, "/b/c", PathLocks.Mode.WRITE),
        PathLocks.request().write(p("/a")).write(p("/b/c")).modes());
    assertEquals(Map.of("/a", PathLocks.Mode.WRITE, "/a/b", PathLocks.Mode.WRITE),
        PathLocks.request().write(p("/a/b")).write(p("/a")).modes());
    assertTrue(PathLocks.request().write(p("/")).modes().isEmpty());
  }

  @Test
  void createsInOneDirectoryDoNotBlockEachOther() throws Exception {
    int creators = 8;
    CountDownLatch allHolding = new CountDownLatch(creators);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(creators);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < creators; i++) {
        String name = "/home/user/file" + i;
        done.add(pool.submit(() -> {
          try (PathLocks.Held held = locks.acquire(PathLocks.request().write(p(name)), 2_000)) {
            allHolding.countDown();
            release.await(5, TimeUnit.SECONDS);
          }
          return null;
        }));
      }
      // Every creator holds its locks at once: none waited for another.
      assertTrue(allHolding.await(5, TimeUnit.SECONDS), "creates in one directory blocked each other");
      release.countDown();
      for (Future<?> f : done) {
        f.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, locks.entryCount(), "lock entries must go away when unused");
  }

  @Test
  void snapshotLockBlocksCreateBelowUntilReleased() throws Exception {
    PathLocks.Held snapshot = locks.acquire(
        PathLocks.request().write(p("/home/user")).write(p("/save/user")), 1_000);
    // A create below the snapshot source cannot get its read lock on /home/user in time...
    PathLocks.BusyException busy = assertThrows(PathLocks.BusyException.class,
        () -> locks.acquire(PathLocks.request().write(p("/home/user/foo")), 200));
    assertEquals("/home/user", busy.path());
    assertTrue(busy.getMessage().contains("namespace busy at /home/user"), busy.getMessage());
    // ...while one elsewhere in /home goes ahead.
    locks.acquire(PathLocks.request().write(p("/home/other/foo")), 200).close();

    CompletableFuture<PathLocks.Held> create = CompletableFuture.supplyAsync(() -> {
      try {
        return locks.acquire(PathLocks.request().write(p("/home/user/foo")), 5_000);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(200);
    assertFalse(create.isDone(), "create proceeded while the snapshot held /home/user");
    snapshot.close();
    create.get(5, TimeUnit.SECONDS).close();
    assertEquals(0, locks.entryCount());
  }

  @Test
  void releaseFromAnotherThreadWorks() throws Exception {
    PathLocks.Held held = locks.acquire(PathLocks.request().write(p("/a/b")), 1_000);
    Thread releaser = new Thread(held::close, "test-releaser");
    releaser.start();
    releaser.join(5_000);
    // Closing twice is harmless.
    held.close();
    locks.acquire(PathLocks.request().write(p("/a/b")), 500).close();
    assertEquals(0, locks.entryCount());
  }

  @Test
  void waitingWriterIsNotStarvedByReaders() throws Exception {
    PathLocks.Held reader = locks.acquire(PathLocks.request().read(p("/d/f")), 500);
    CompletableFuture<PathLocks.Held> writer = CompletableFuture.supplyAsync(() -> {
      try {
        return locks.acquire(PathLocks.request().write(p("/d")), 5_000);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(200); // the writer queues on /d behind the reader
    assertFalse(writer.isDone());
    // A new reader of /d waits behind the queued writer.
    assertThrows(PathLocks.BusyException.class,
        () -> locks.acquire(PathLocks.request().read(p("/d/g")), 200));
    reader.close();
    writer.get(5, TimeUnit.SECONDS).close();
    assertEquals(0, locks.entryCount());
  }

  @Test
  void crossingRequestsDoNotDeadlock() throws Exception {
    // Renames in opposite directions take the same locks in the same order.
    int threads = 4;
    int rounds = 300;
    AtomicInteger completed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean forward = t % 2 == 0;
        done.add(pool.submit(() -> {
          for (int i = 0; i < rounds; i++) {
            PathLocks.Request request = forward
                ? PathLocks.request().write(p("/x/a")).write(p("/y/b"))
                : PathLocks.request().write(p("/y/b")).write(p("/x/a")).write(p("/x"));
            try (PathLocks.Held held = locks.acquire(request, 5_000)) {
              completed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * rounds, completed.get());
    assertEquals(0, locks.entryCount());
  }
}
