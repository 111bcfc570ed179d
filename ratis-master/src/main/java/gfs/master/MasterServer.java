package gfs.master;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.cluster.CommandQueue;
import gfs.master.config.ChunkManagementConfig;
import gfs.master.config.MasterConfig;
import gfs.master.gc.GarbageCollector;
import gfs.master.gc.ReplicaCollector;
import gfs.master.gc.TrashCollector;
import gfs.master.lease.LeaseManager;
import gfs.master.metrics.MasterMetrics;
import gfs.master.namespace.Namespace;
import gfs.master.placement.Placement;
import gfs.master.placement.RecentCreations;
import gfs.master.raft.LagNudger;
import gfs.master.raft.Proposer;
import gfs.master.raft.RaftNode;
import gfs.master.replication.CloneThrottle;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.rpc.ChunkserverClients;
import gfs.master.rpc.ChunkserverMasterServiceImpl;
import gfs.master.rpc.LeaderCheck;
import gfs.master.rpc.MasterAdminServiceImpl;
import gfs.master.rpc.MasterServiceImpl;
import gfs.master.statemachine.GfsStateMachine;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.metrics.MetricsEndpoint;
import gfs.metrics.ServerMetrics;
import gfs.rpc.Rpc;
import io.grpc.Server;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One master peer: its store, its Ratis peer, and its gRPC services, started and stopped together. */
public final class MasterServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);
  static final int RPC_THREADS = 32;
  static final long RECENT_CREATION_WINDOW_MS = 60_000;
  /** Commands waiting for one chunkserver's next heartbeat; more wait for the next scan. */
  static final int MAX_COMMANDS_PER_SERVER = 256;

  private final MasterConfig config;
  private final MasterStore store;
  private final RaftNode raft;
  private final Proposer proposer;
  private final ChunkserverClients chunkservers;
  private final Server server;
  private final GfsStateMachine stateMachine;
  private final LagNudger lagNudger;
  private final ReplicationMonitor replication;
  private final GarbageCollector garbageCollector;

  private final ServerMetrics metrics;
  private final MasterMetrics masterMetrics;
  private final MetricsEndpoint metricsEndpoint;

  private MasterServer(MasterConfig config, MasterStore store, RaftNode raft, Proposer proposer,
      ChunkserverClients chunkservers, Server server, GfsStateMachine stateMachine,
      ReplicationMonitor replication, GarbageCollector garbageCollector, ServerMetrics metrics,
      MasterMetrics masterMetrics, MetricsEndpoint metricsEndpoint) {
    this.masterMetrics = masterMetrics;
    this.garbageCollector = garbageCollector;
    this.metrics = metrics;
    this.metricsEndpoint = metricsEndpoint;
    this.stateMachine = stateMachine;
    this.replication = replication;
    this.lagNudger = new LagNudger(raft);
    this.config = config;
    this.store = store;
    this.raft = raft;
    this.proposer = proposer;
    this.chunkservers = chunkservers;
    this.server = server;
  }

  /** Starts a master; onFatal is called when the state machine cannot apply an entry. */
  public static MasterServer start(MasterConfig config, Consumer<Throwable> onFatal) throws IOException {
    MasterStore store = MasterStore.open(config.dataDir().resolve("store"), config.storeMaxBytes());
    GfsStateMachine stateMachine = new GfsStateMachine(store, config.storeMaxBytes(),
        config.checkpointIntervalEntries(), onFatal);
    RaftNode raft = RaftNode.start(config, stateMachine);
    Namespace namespace = stateMachine.namespace();
    Proposer proposer = new Proposer(raft, config.rpcTimeoutMs() * 2);
    ClusterState cluster = new ClusterState(
        new ChunkserverRegistry(config.chunkserverDeadAfterMs(), System::nanoTime), new ChunkLocations(),
        () -> decommissioning(store, namespace));
    ChunkserverClients chunkservers = new ChunkserverClients(config.rpcTimeoutMs());
    CloneThrottle clones = CloneThrottle.of(config.chunkManagement(), config.chunkSizeBytes(), System::nanoTime);
    LeaseManager leases = new LeaseManager(config, raft, proposer, cluster, chunkservers,
        new Placement(config.chunkManagement().maxRecentCreationsPerServer()),
        new RecentCreations(RECENT_CREATION_WINDOW_MS, System::nanoTime), clones, System::nanoTime,
        handle -> {
          try (Txn<ByteBuffer> txn = store.readTxn()) {
            return namespace.chunk(txn, handle);
          }
        });
    LeaderCheck leaderCheck = new LeaderCheck(raft, config);
    CommandQueue commands = new CommandQueue(MAX_COMMANDS_PER_SERVER);
    ReplicationMonitor replication = new ReplicationMonitor(config.chunkManagement(), config.chunkSizeBytes(),
        store, namespace, cluster, commands, leases, clones, raft::isReadyLeader, System::nanoTime).start();
    GarbageCollector garbageCollector = garbageCollector(config, store, namespace, proposer, cluster, commands, raft);
    ServerMetrics metrics = ServerMetrics.create("master", config.id(), config.monitoring().rpcLogEnabled(),
        List.of());
    MasterMetrics masterMetrics = MasterMetrics.bind("master-" + config.id(), metrics.registry(), config.dataDir(),
        raft, store, namespace, cluster, replication, leases, garbageCollector, stateMachine.leaderChanges());
    metrics.beforeScrape(masterMetrics::refresh);
    Server server = Rpc.startServer("master-" + config.id(), config.host(), config.servicePort(), RPC_THREADS,
        List.of(
            new MasterServiceImpl(config, store, stateMachine, proposer, leaderCheck, cluster, leases),
            new ChunkserverMasterServiceImpl(config, raft, cluster, leases, store, namespace, commands,
                replication),
            new MasterAdminServiceImpl(config, raft, cluster, store, namespace, stateMachine, proposer,
                replication, garbageCollector)),
        List.of(metrics.rpcInterceptor()));
    MetricsEndpoint endpoint = config.monitoring().metricsPort() < 0 ? null
        : MetricsEndpoint.start("master-" + config.id(), config.host(), config.monitoring().metricsPort(), metrics);
    LOG.info("master {} serving on {}:{} (raft {}), peers {}, data {}", config.id(), config.host(),
        server.getPort(), config.raftPort(), config.peers().stream().map(MasterConfig.Peer::id).toList(),
        config.dataDir());
    return new MasterServer(config, store, raft, proposer, chunkservers, server, stateMachine, replication,
        garbageCollector, metrics, masterMetrics, endpoint);
  }

  private static GarbageCollector garbageCollector(MasterConfig config, MasterStore store, Namespace namespace,
      Proposer proposer, ClusterState cluster, CommandQueue commands, RaftNode raft) {
    ChunkManagementConfig settings = config.chunkManagement();
    // A replica may lag a version bump while its grant RPC is in flight (bounded by the RPC
    // timeout); a queued delete gets a few heartbeats to be carried out and reported.
    return new GarbageCollector(
        new TrashCollector(store, namespace, proposer, settings.gcRetentionMs(), config.rpcTimeoutMs() * 2),
        new ReplicaCollector(store, namespace, cluster, commands, config.rpcTimeoutMs() * 2,
            config.heartbeatIntervalMs() * 5),
        raft::isReadyLeader, () -> safeMode(store, namespace), System::currentTimeMillis,
        settings.gcScanIntervalMs());
  }

  /** The chunkservers being decommissioned, as the store records them (logged DecommissionOps). */
  private static Set<String> decommissioning(MasterStore store, Namespace namespace) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.decommissioning(txn);
    }
  }

  /** Whether the replicated state has safe mode on. */
  private static boolean safeMode(MasterStore store, Namespace namespace) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.safeMode(txn).on();
    }
  }

  public int servicePort() {
    return server.getPort();
  }

  public GfsStateMachine stateMachine() {
    return stateMachine;
  }

  public RaftNode raft() {
    return raft;
  }

  public MasterConfig config() {
    return config;
  }

  /** host:port of the Prometheus endpoint; empty with master.metrics.port=-1. */
  public String metricsAddress() {
    return metricsEndpoint == null ? "" : metricsEndpoint.address();
  }

  @Override
  public void close() throws IOException {
    LOG.info("master {} stopping", config.id());
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    masterMetrics.close();
    metrics.close();
    lagNudger.close();
    garbageCollector.close();
    replication.close();
    proposer.close();
    chunkservers.close();
    raft.close();
    store.close();
    LOG.info("master {} stopped", config.id());
  }
}
