package gfs.client.common;

import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per server address, created on first use and shut on close. The pool
 * holds at most one channel per server of the cluster, so it is bounded by the cluster size.
 */
public final class ChannelPool implements AutoCloseable {
  private static final long CLOSE_WAIT_MS = 2_000;

  private final String name;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ChannelPool(String name) {
    this.name = name;
  }

  /** The channel to host:port, created (without connecting yet) if needed. */
  public ManagedChannel get(String hostPort) {
    if (closed) {
      throw new IllegalStateException("the gfs client is closed (" + name + " channels)");
    }
    ManagedChannel channel = channels.computeIfAbsent(hostPort, Rpc::channel);
    if (closed) {
      // close() ran while this channel was being made: do not leak it.
      channel.shutdownNow();
      throw new IllegalStateException("the gfs client is closed (" + name + " channels)");
    }
    return channel;
  }

  /**
   * After a peer was unreachable, lets the next call try to connect at once instead of
   * waiting out gRPC's own reconnect backoff (which grows to minutes); our retry loops
   * have their own, bounded, backoff.
   */
  public void resetBackoff(String hostPort) {
    ManagedChannel channel = channels.get(hostPort);
    if (channel != null) {
      channel.resetConnectBackoff();
    }
  }

  public int size() {
    return channels.size();
  }

  /** Shuts every channel, waiting a moment in total (not per channel) for calls in flight. */
  @Override
  public void close() {
    closed = true;
    List<ManagedChannel> all = new ArrayList<>(channels.values());
    channels.clear();
    all.forEach(ManagedChannel::shutdown);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
    for (ManagedChannel channel : all) {
      try {
        long leftNanos = Math.max(0, deadline - System.nanoTime());
        if (!channel.awaitTermination(leftNanos, TimeUnit.NANOSECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
