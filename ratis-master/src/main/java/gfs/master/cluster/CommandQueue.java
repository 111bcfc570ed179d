package gfs.master.cluster;

import gfs.proto.ChunkserverCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Work the leader has for each chunkserver (clone, delete), handed out in its next heartbeat
 * reply (GFS section 4: the master's instructions ride on HeartBeat messages). Bounded per
 * server: a producer that finds the queue full tries again on its next scan.
 */
public final class CommandQueue {
  private final int maxPerServer;
  private final Map<String, Deque<ChunkserverCommand>> pending = new HashMap<>();

  public CommandQueue(int maxPerServer) {
    this.maxPerServer = maxPerServer;
  }

  /** Queues command for serverId; false when that server's queue is full. */
  public synchronized boolean add(String serverId, ChunkserverCommand command) {
    Deque<ChunkserverCommand> queue = pending.computeIfAbsent(serverId, id -> new ArrayDeque<>());
    if (queue.size() >= maxPerServer) {
      return false;
    }
    queue.addLast(command);
    return true;
  }

  /** Removes and returns up to max commands for serverId, oldest first. */
  public synchronized List<ChunkserverCommand> drain(String serverId, int max) {
    Deque<ChunkserverCommand> queue = pending.get(serverId);
    List<ChunkserverCommand> drained = new ArrayList<>();
    while (queue != null && !queue.isEmpty() && drained.size() < max) {
      drained.add(queue.pollFirst());
    }
    if (queue != null && queue.isEmpty()) {
      pending.remove(serverId);
    }
    return drained;
  }

  public synchronized int size(String serverId) {
    Deque<ChunkserverCommand> queue = pending.get(serverId);
    return queue == null ? 0 : queue.size();
  }

  /** Drops everything, e.g. when this master stops being the leader. */
  public synchronized void clear() {
    pending.clear();
  }
}
