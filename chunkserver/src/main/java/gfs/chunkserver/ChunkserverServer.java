package gfs.chunkserver;

import gfs.chunkserver.buffer.PushBuffer;
import gfs.chunkserver.config.ChunkserverConfig;
import gfs.chunkserver.heartbeat.CommandRunner;
import gfs.chunkserver.heartbeat.Heartbeats;
import gfs.chunkserver.mutation.LeaseGrants;
import gfs.chunkserver.mutation.LeaseTable;
import gfs.chunkserver.mutation.MutationFanout;
import gfs.chunkserver.mutation.MutationLocks;
import gfs.chunkserver.mutation.PrimaryMutations;
import gfs.chunkserver.mutation.SecondaryMutations;
import gfs.chunkserver.pipeline.PushDataHandler;
import gfs.chunkserver.replication.ChunkCloner;
import gfs.chunkserver.rpc.ChunkserverGrpcService;
import gfs.chunkserver.rpc.ControlGrpcService;
import gfs.chunkserver.rpc.PeerGrpcService;
import gfs.chunkserver.storage.ChunkStore;
import gfs.chunkserver.storage.Scrubber;
import gfs.proto.ChunkserverInfo;
import gfs.chunkserver.metrics.ChunkserverMetrics;
import gfs.metrics.MetricsEndpoint;
import gfs.metrics.ServerMetrics;
import gfs.rpc.BulkMethods;
import gfs.rpc.Rpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole chunkserver in one object: storage (with its scrubber), push buffer, gRPC services
 * and heartbeats to every master. {@link #start()} brings it up, {@link #close()} stops every thread it
 * started. Usable in-process by tests (port 0 picks a free port).
 */
public final class ChunkserverServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkserverServer.class);
  /** gRPC handler threads: mostly blocked on disk or on secondaries, so more than cores. */
  private static final int RPC_THREADS = 64;
  private static final long SHUTDOWN_GRACE_MS = 3000;

  private final ChunkserverConfig config;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ChunkStore store;
  private PushBuffer pushBuffer;
  private PeerChannels peers;
  private LeaseTable leases;
  private ChunkCloner cloner;
  private CommandRunner commands;
  private Server server;
  private Heartbeats heartbeats;
  private Scrubber scrubber;
  private ServerMetrics metrics;
  private MetricsEndpoint metricsEndpoint;
  private ChunkserverInfo info;
  private boolean started;
  private boolean closed;

  public ChunkserverServer(ChunkserverConfig config) {
    this.config = config;
  }

  public synchronized ChunkserverServer start() throws IOException {
    if (started) {
      throw new IllegalStateException("chunkserver " + config.id() + " already started");
    }
    started = true;
    try {
      startParts();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    LOG.info("chunkserver {} serving on {}:{} rack {} data {}", config.id(), config.host(), server.getPort(),
        config.rack(), config.dataDir().toAbsolutePath());
    return this;
  }

  private void startParts() throws IOException {
    String id = config.id();
    store = ChunkStore.open(id, config.dataDir(), config.fsync());
    pushBuffer = new PushBuffer(id, config.pushBufferBytes(), config.pushBufferExpiryMs(), System::nanoTime);
    pushBuffer.startReaper();
    peers = new PeerChannels();
    leases = new LeaseTable(System::nanoTime);
    MutationLocks locks = new MutationLocks(id, config.rpcTimeoutMs());
    MutationFanout fanout = new MutationFanout(peers, id, config.rpcTimeoutMs());
    LeaseGrants grants = new LeaseGrants(id, store, leases, locks, config.chunkSizeBytes());
    cloner = new ChunkCloner(id, store, peers, config.rpcTimeoutMs(), config.chunkSizeBytes());
    commands = new CommandRunner(id, store, leases, locks, cloner);
    ChunkserverGrpcService clientService = new ChunkserverGrpcService(id, store,
        new PushDataHandler(pushBuffer, peers, id, config.rpcTimeoutMs()),
        new PrimaryMutations(id, store, pushBuffer, leases, locks, fanout), grants);
    List<BindableService> services = List.of(BulkMethods.served(clientService),
        new PeerGrpcService(id, store, new SecondaryMutations(id, store, pushBuffer, locks)),
        new ControlGrpcService(id, grants));
    metrics = ServerMetrics.create("chunkserver", id, config.rpcLogEnabled(), List.of(Tag.of("rack", config.rack())));
    server = Rpc.startServer(id, config.host(), config.port(), RPC_THREADS, services,
        List.of(metrics.rpcInterceptor()));
    if (config.scrubIntervalMs() > 0) {  // 0: no scrubbing (closeQuietly skips a null scrubber)
      scrubber = new Scrubber(store, clientService::activeRequests, config.scrubIntervalMs(),
          config.scrubBandwidthBytes());
    }
    ChunkserverMetrics.bind(metrics.registry(), store, pushBuffer, clientService, cloner, scrubber);
    if (config.metricsPort() >= 0) {
      metricsEndpoint = MetricsEndpoint.start(id, config.host(), config.metricsPort(), metrics);
    }
    info = ChunkserverInfo.newBuilder().setId(id).setHost(config.host()).setPort(server.getPort())
        .setRack(config.rack()).build();
    heartbeats = new Heartbeats(config.masters(), info, metricsEndpoint == null ? "" : metricsEndpoint.address(),
        store, leases, commands, clientService::activeRequests, cloner::inFlight, config.heartbeatIntervalMs(),
        config.rpcTimeoutMs());
    heartbeats.start();
    if (scrubber != null) {
      scrubber.start();
    }
  }

  public ChunkserverConfig config() {
    return config;
  }

  /** Id, host, bound port and rack, as reported to masters. */
  public synchronized ChunkserverInfo info() {
    return info;
  }

  public synchronized int port() {
    return server.getPort();
  }

  /** host:port of the Prometheus endpoint; empty with chunkserver.metrics.port=-1. */
  public synchronized String metricsAddress() {
    return metricsEndpoint == null ? "" : metricsEndpoint.address();
  }

  public ChunkStore store() {
    return store;
  }

  public PushBuffer pushBuffer() {
    return pushBuffer;
  }

  public ChunkCloner cloner() {
    return cloner;
  }

  public CommandRunner commands() {
    return commands;
  }

  public LeaseTable leases() {
    return leases;
  }

  public Heartbeats heartbeats() {
    return heartbeats;
  }

  /** Stops heartbeats, the gRPC server, copies and the reaper, then closes storage. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      closeQuietly(heartbeats);
      closeQuietly(scrubber);
      stopServer();
      closeQuietly(metricsEndpoint);
      closeQuietly(metrics);
      closeQuietly(cloner);
      closeQuietly(pushBuffer);
      closeQuietly(peers);
      closeQuietly(store);
      if (server != null) {
        LOG.info("chunkserver {} stopped", config.id());
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    stopped.await();
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(SHUTDOWN_GRACE_MS, TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(SHUTDOWN_GRACE_MS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void closeQuietly(AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("chunkserver {}: error while stopping {}", config.id(), part.getClass().getSimpleName(), e);
    }
  }
}
