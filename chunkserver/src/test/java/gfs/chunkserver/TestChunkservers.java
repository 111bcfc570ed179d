package gfs.chunkserver;

import com.google.protobuf.ByteString;
import gfs.chunkserver.config.ChunkserverConfig;
import gfs.common.Config;
import gfs.proto.ChunkserverControlServiceGrpc;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.GrantLeaseResponse;
import gfs.proto.LeaseGrant;
import gfs.proto.PushDataHeader;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real chunkservers in this JVM on 127.0.0.1 with free ports, plus the calls a client and
 * a master make to them. With no master configured, the test plays the master.
 */
public final class TestChunkservers implements AutoCloseable {
  public static final long CHUNK_SIZE = 1 << 20;

  private final List<ChunkserverServer> servers = new ArrayList<>();
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  public static ChunkserverConfig config(Path dataDir, String id, String masters, Map<String, String> extra) {
    Properties properties = new Properties();
    properties.setProperty("chunkserver.id", id);
    properties.setProperty("chunkserver.host", "127.0.0.1");
    properties.setProperty("chunkserver.port", "0");
    properties.setProperty("chunkserver.metrics.port", "0");
    properties.setProperty("chunkserver.rack", "rack-" + id);
    properties.setProperty("chunkserver.data.dir", dataDir.resolve(id).toString());
    properties.setProperty("chunkserver.masters", masters);
    properties.setProperty("chunk.size", String.valueOf(CHUNK_SIZE));
    properties.setProperty("heartbeat.interval.ms", "100");
    properties.setProperty("rpc.timeout.ms", "3000");
    properties.putAll(extra);
    return ChunkserverConfig.from(new Config(properties, "test"));
  }

  public ChunkserverServer start(ChunkserverConfig config) throws IOException {
    ChunkserverServer server = new ChunkserverServer(config).start();
    servers.add(server);
    return server;
  }

  public ManagedChannel channel(ChunkserverServer server) {
    return channels.computeIfAbsent(server.info().getId() + "@" + server.port(),
        k -> Rpc.channel("127.0.0.1", server.port()));
  }

  public ChunkserverServiceGrpc.ChunkserverServiceBlockingStub client(ChunkserverServer server) {
    return ChunkserverServiceGrpc.newBlockingStub(channel(server)).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  public GrantLeaseResponse grant(ChunkserverServer server, long handle, long version, boolean primary,
      long leaseMs, boolean create) {
    return ChunkserverControlServiceGrpc.newBlockingStub(channel(server)).withDeadlineAfter(10, TimeUnit.SECONDS)
        .grantLease(LeaseGrant.newBuilder().setHandle(handle).setVersion(version).setPrimary(primary)
            .setLeaseDurationMs(leaseMs).setCreate(create).setChunkSize(CHUNK_SIZE).build());
  }

  /** Pushes data to chain[0], which forwards it along the rest; returns the answer. */
  public PushDataResponse push(List<ChunkserverServer> chain, String dataId, ByteString data) throws Exception {
    CompletableFuture<PushDataResponse> answer = new CompletableFuture<>();
    StreamObserver<PushDataRequest> call = ChunkserverServiceGrpc.newStub(channel(chain.get(0)))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .pushData(new StreamObserver<>() {
          @Override public void onNext(PushDataResponse response) {
            answer.complete(response);
          }

          @Override public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override public void onCompleted() {
            answer.completeExceptionally(new IllegalStateException("no answer"));
          }
        });
    PushDataHeader.Builder header = PushDataHeader.newBuilder().setDataId(dataId).setLength(data.size());
    for (ChunkserverServer next : chain.subList(1, chain.size())) {
      header.addChain(next.info());
    }
    call.onNext(PushDataRequest.newBuilder().setHeader(header).build());
    int pieceBytes = 64 * 1024;
    for (int at = 0; at < data.size(); at += pieceBytes) {
      call.onNext(PushDataRequest.newBuilder().setData(data.substring(at, Math.min(data.size(), at + pieceBytes))).build());
    }
    call.onCompleted();
    return answer.get(20, TimeUnit.SECONDS);
  }

  public static List<ChunkserverInfo> infos(List<ChunkserverServer> servers) {
    return servers.stream().map(ChunkserverServer::info).toList();
  }

  @Override
  public void close() {
    channels.values().forEach(Rpc::close);
    servers.forEach(ChunkserverServer::close);
  }
}
