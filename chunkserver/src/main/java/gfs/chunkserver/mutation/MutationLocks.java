package gfs.chunkserver.mutation;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.proto.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per chunk, held while a mutation is ordered and applied (by the primary, across
 * its secondaries' answers too) and while its lease or version changes; plus the serial
 * numbers of that chunk's current version. Waiting for a lock is bounded.
 */
public final class MutationLocks {
  private static final class ChunkState {
    final ReentrantLock lock = new ReentrantLock(true);
    long serialVersion;
    long lastSerial;
    /** Where the primary's next append of serialVersion starts at the earliest (0 = its end). */
    long appendFloor;
  }

  private final Map<Long, ChunkState> states = new ConcurrentHashMap<>();
  private final String serverId;
  private final long maxWaitMs;

  public MutationLocks(String serverId, long maxWaitMs) {
    this.serverId = serverId;
    this.maxWaitMs = maxWaitMs;
  }

  /** The chunk's lock, held until the returned value is closed; UNAVAILABLE if busy too long. */
  public Held lock(long handle) throws ChunkserverException {
    ChunkState state = states.computeIfAbsent(handle, h -> new ChunkState());
    try {
      if (!state.lock.tryLock(maxWaitMs, TimeUnit.MILLISECONDS)) {
        throw new ChunkserverException(ErrorCode.UNAVAILABLE,
            chunk(handle) + " is busy on " + serverId + ": waited " + maxWaitMs + " ms for earlier mutations");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, serverId + " is shutting down");
    }
    return new Held(handle, state);
  }

  /** Forgets a deleted chunk. */
  public void forget(long handle) {
    states.remove(handle);
  }

  /** A held chunk lock with access to the chunk's serial numbers and append floor. */
  public static final class Held implements AutoCloseable {
    private final long handle;
    private final ChunkState state;

    private Held(long handle, ChunkState state) {
      this.handle = handle;
      this.state = state;
    }

    /** Last serial applied (or assigned, on the primary) for this version; 0 if none. */
    public long lastSerial(long version) {
      return state.serialVersion == version ? state.lastSerial : 0;
    }

    /** Records serial as applied; serials of a version only go up. */
    public void recordSerial(long version, long serial) {
      long last = lastSerial(version);
      if (serial <= last) {
        throw new IllegalStateException(chunk(handle) + " version " + version + ": serial " + serial
            + " would repeat or go back (last " + last + ")");
      }
      if (state.serialVersion != version) {
        state.appendFloor = 0;
      }
      state.serialVersion = version;
      state.lastSerial = serial;
    }

    /** The earliest offset of the primary's next append for this version; 0 if no floor. */
    public long appendFloor(long version) {
      return state.serialVersion == version ? state.appendFloor : 0;
    }

    /** A secondary ends at end: the primary's appends of this version start there or later. */
    public void raiseAppendFloor(long version, long end) {
      if (state.serialVersion == version) {
        state.appendFloor = Math.max(state.appendFloor, end);
      }
    }

    /** The primary's next serial for this version, recorded as used. */
    public long nextSerial(long version) {
      long serial = lastSerial(version) + 1;
      recordSerial(version, serial);
      return serial;
    }

    @Override
    public void close() {
      state.lock.unlock();
    }
  }
}
