package gfs.chunkserver.heartbeat;

import gfs.chunkserver.storage.ChunkListener;
import java.util.HashSet;
import java.util.Set;

/**
 * The chunks touched since the last heartbeat that reached one master. Whether a touched
 * chunk is reported as changed or removed is decided when the heartbeat is built, from the
 * chunk's state then. Bounded by the number of chunks this server has held.
 */
final class ChangeTracker implements ChunkListener {
  private Set<Long> touched = new HashSet<>();

  @Override
  public synchronized void chunkChanged(long handle) {
    touched.add(handle);
  }

  @Override
  public synchronized void chunkRemoved(long handle) {
    touched.add(handle);
  }

  /** Takes the touched set; give it back with {@link #restore} if the heartbeat failed. */
  synchronized Set<Long> drain() {
    Set<Long> drained = touched;
    touched = new HashSet<>();
    return drained;
  }

  synchronized void restore(Set<Long> handles) {
    touched.addAll(handles);
  }
}
