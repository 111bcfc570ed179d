package gfs.master.rpc;

import gfs.proto.ChunkserverControlServiceGrpc;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The master's channels to chunkservers, one per address, each call with a deadline. */
public final class ChunkserverClients implements Closeable {
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final long rpcTimeoutMs;

  public ChunkserverClients(long rpcTimeoutMs) {
    this.rpcTimeoutMs = rpcTimeoutMs;
  }

  private ManagedChannel channel(ChunkserverInfo server) {
    return channels.computeIfAbsent(server.getHost() + ":" + server.getPort(),
        address -> Rpc.channel(server.getHost(), server.getPort()));
  }

  public ChunkserverControlServiceGrpc.ChunkserverControlServiceFutureStub control(ChunkserverInfo server) {
    return ChunkserverControlServiceGrpc.newFutureStub(channel(server))
        .withDeadlineAfter(rpcTimeoutMs, TimeUnit.MILLISECONDS);
  }

  public ChunkserverServiceGrpc.ChunkserverServiceFutureStub data(ChunkserverInfo server) {
    return ChunkserverServiceGrpc.newFutureStub(channel(server))
        .withDeadlineAfter(rpcTimeoutMs, TimeUnit.MILLISECONDS);
  }

  public long rpcTimeoutMs() {
    return rpcTimeoutMs;
  }

  @Override
  public void close() {
    channels.values().forEach(Rpc::close);
    channels.clear();
  }
}
