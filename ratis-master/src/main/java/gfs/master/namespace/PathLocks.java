package gfs.master.namespace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Namespace locks on the leader (GFS section 4.1): an operation on /d1/.../dn/leaf takes read
 * locks on /d1, /d1/d2, ... /d1/.../dn and a read or write lock on the leaf. Creates in one
 * directory share the read lock on it and run in parallel; a snapshot holding the write lock
 * on a directory excludes every operation below it.
 *
 * <p>The locks are held from the leader's check until the operation is applied, and the
 * proposer's future completes on another thread, so they cannot be owned by a thread: each
 * path's lock is a pair of counts (readers, writer) under one short mutex, released by
 * whoever holds the {@link Held}. A path's entry exists only while someone holds or waits
 * for it, so memory follows the operations in flight, not the size of the namespace.
 *
 * <p>Deadlock freedom: one request takes its locks one at a time in a single total order
 * (depth, then path text), so every wait is for a lock ordered after all those its waiter
 * holds. Writers are preferred (a waiting writer stops new readers) so a snapshot is not
 * starved by a stream of creates; with the total order that cannot close a cycle either.
 */
public final class PathLocks {
  public enum Mode { READ, WRITE }

  /** Thrown when a lock is not free within the wait allowed: the namespace is busy at path. */
  public static final class BusyException extends Exception {
    private final String path;

    BusyException(String path, long waitedMs) {
      super("namespace busy at " + path + " (waited " + waitedMs + " ms), retry");
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  /** The locks one operation needs, built with {@link #read} and {@link #write}. */
  public static final class Request {
    private final Map<String, Lock> locks = new HashMap<>();

    private record Lock(String path, int depth, Mode mode) {}

    /** Read locks on every ancestor of path (the root excluded) and a read lock on path itself. */
    public Request read(GfsPath path) {
      return add(path, Mode.READ);
    }

    /** Read locks on every ancestor of path (the root excluded) and a write lock on path itself. */
    public Request write(GfsPath path) {
      return add(path, Mode.WRITE);
    }

    private Request add(GfsPath path, Mode leafMode) {
      List<String> parts = path.components();
      StringBuilder text = new StringBuilder();
      for (int depth = 1; depth <= parts.size(); depth++) {
        text.append('/').append(parts.get(depth - 1));
        Mode mode = depth == parts.size() ? leafMode : Mode.READ;
        String key = text.toString();
        int lockDepth = depth;
        // A path both an ancestor of one leaf and another leaf (or named twice) keeps the stronger mode.
        locks.merge(key, new Lock(key, lockDepth, mode),
            (a, b) -> a.mode() == Mode.WRITE ? a : b);
      }
      return this;
    }

    /** The locks in acquisition order: shallower paths first, then by path text. */
    List<Lock> ordered() {
      List<Lock> ordered = new ArrayList<>(locks.values());
      ordered.sort(Comparator.comparingInt(Lock::depth).thenComparing(Lock::path));
      return ordered;
    }

    /** Path -> mode, sorted by path (for tests and logs). */
    public Map<String, Mode> modes() {
      Map<String, Mode> modes = new TreeMap<>();
      locks.values().forEach(l -> modes.put(l.path(), l.mode()));
      return modes;
    }
  }

  /** Locks held for one operation; close() releases them, from any thread, once. */
  public final class Held implements AutoCloseable {
    private final List<Request.Lock> taken;
    private final AtomicBoolean released = new AtomicBoolean();

    private Held(List<Request.Lock> taken) {
      this.taken = taken;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        releaseAll(taken);
      }
    }
  }

  /** One path's lock state; exists while users > 0. */
  private static final class Entry {
    int readers;
    boolean writer;
    int waitingWriters;
    /** Holders plus waiters: the entry is dropped when this reaches zero. */
    int users;
    final Condition changed;

    Entry(Condition changed) {
      this.changed = changed;
    }
  }

  private final ReentrantLock mutex = new ReentrantLock();
  private final Map<String, Entry> entries = new HashMap<>();

  public static Request request() {
    return new Request();
  }

  /**
   * Takes every lock of request in order, waiting at most timeoutMs in all; on timeout the
   * locks already taken are released and BusyException names the path that was busy.
   */
  public Held acquire(Request request, long timeoutMs) throws BusyException, InterruptedException {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    List<Request.Lock> wanted = request.ordered();
    List<Request.Lock> taken = new ArrayList<>(wanted.size());
    try {
      for (Request.Lock lock : wanted) {
        if (!take(lock, deadlineNanos)) {
          throw new BusyException(lock.path(), Math.max(0, timeoutMs));
        }
        taken.add(lock);
      }
    } catch (BusyException | InterruptedException | RuntimeException e) {
      releaseAll(taken);
      throw e;
    }
    return new Held(taken);
  }

  /** Number of paths with a lock entry (held or waited for): zero when nothing is in flight. */
  public int entryCount() {
    mutex.lock();
    try {
      return entries.size();
    } finally {
      mutex.unlock();
    }
  }

  private boolean take(Request.Lock lock, long deadlineNanos) throws InterruptedException {
    mutex.lock();
    try {
      Entry entry = entries.computeIfAbsent(lock.path(), p -> new Entry(mutex.newCondition()));
      entry.users++;
      boolean write = lock.mode() == Mode.WRITE;
      if (write) {
        entry.waitingWriters++;
      }
      try {
        while (write ? entry.writer || entry.readers > 0 : entry.writer || entry.waitingWriters > 0) {
          long leftNanos = deadlineNanos - System.nanoTime();
          if (leftNanos <= 0) {
            dropUser(lock.path(), entry);
            return false;
          }
          entry.changed.awaitNanos(leftNanos);
        }
      } catch (InterruptedException e) {
        dropUser(lock.path(), entry);
        throw e;
      } finally {
        if (write) {
          entry.waitingWriters--;
          // Readers held back by this writer may go now if it gave up.
          entry.changed.signalAll();
        }
      }
      if (write) {
        entry.writer = true;
      } else {
        entry.readers++;
      }
      return true;
    } finally {
      mutex.unlock();
    }
  }

  private void releaseAll(List<Request.Lock> taken) {
    mutex.lock();
    try {
      for (Request.Lock lock : taken) {
        Entry entry = entries.get(lock.path());
        if (entry == null) {
          throw new IllegalStateException("releasing " + lock.mode() + " lock on " + lock.path()
              + " that is not held");
        }
        if (lock.mode() == Mode.WRITE) {
          entry.writer = false;
        } else {
          entry.readers--;
        }
        entry.changed.signalAll();
        dropUser(lock.path(), entry);
      }
    } finally {
      mutex.unlock();
    }
  }

  private void dropUser(String path, Entry entry) {
    if (--entry.users == 0) {
      entries.remove(path);
    }
  }
}
