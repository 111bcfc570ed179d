package gfs.chunkserver;

import gfs.proto.ChunkserverInfo;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gRPC channel per peer chunkserver (host:port), shared by data forwarding, mutations
 * and chunk copies, and closed with the server. Peers are the cluster's chunkservers, so
 * the map is bounded by the cluster size; {@link #MAX_PEERS} guards against a runaway.
 */
public final class PeerChannels implements AutoCloseable {
  public static final int MAX_PEERS = 4096;

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ManagedChannel channel(ChunkserverInfo peer) throws ChunkserverException {
    return channel(peer.getHost(), peer.getPort());
  }

  public ManagedChannel channel(String host, int port) throws ChunkserverException {
    if (closed) {
      throw new ChunkserverException(gfs.proto.ErrorCode.UNAVAILABLE, "chunkserver is shutting down");
    }
    String key = host + ":" + port;
    ManagedChannel existing = channels.get(key);
    if (existing != null) {
      return existing;
    }
    if (channels.size() >= MAX_PEERS) {
      throw new ChunkserverException(gfs.proto.ErrorCode.UNAVAILABLE,
          "too many peer channels (" + MAX_PEERS + "), refusing a new one to " + key);
    }
    return channels.computeIfAbsent(key, k -> Rpc.channel(host, port));
  }

  @Override
  public void close() {
    closed = true;
    List<ManagedChannel> all = new ArrayList<>(channels.values());
    channels.clear();
    for (ManagedChannel channel : all) {
      channel.shutdownNow();
    }
    for (ManagedChannel channel : all) {
      Rpc.close(channel);
    }
  }
}
