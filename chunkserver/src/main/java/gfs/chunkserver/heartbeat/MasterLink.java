package gfs.chunkserver.heartbeat;

import gfs.chunkserver.mutation.LeaseTable;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverMasterServiceGrpc;
import gfs.proto.ErrorCode;
import gfs.proto.HeartbeatRequest;
import gfs.proto.HeartbeatResponse;
import gfs.proto.LeaseGrant;
import gfs.proto.RegisterRequest;
import gfs.proto.RegisterResponse;
import gfs.rpc.Errors;
import gfs.rpc.HostPort;
import gfs.rpc.Rpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation with one master, on its own thread: register (retrying with bounded
 * backoff while the master is unreachable), then heartbeat every interval with the chunks
 * changed since the last heartbeat that reached this master, a full report on registration,
 * when asked and every minute. Only the leader's replies carry commands and lease
 * extensions; a follower's NOT_LEADER is normal.
 */
final class MasterLink implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
  static final long FULL_REPORT_INTERVAL_MS = 60_000;
  private static final long FIRST_BACKOFF_MS = 200;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final HostPort master;
  private final String metricsAddress;
  private final ChunkserverInfo self;
  private final ReportBuilder reports;
  private final ChangeTracker changes = new ChangeTracker();
  private final LeaseTable leases;
  private final CommandRunner commands;
  private final IntSupplier activeRequests;
  private final IntSupplier clonesInFlight;
  private final long rpcTimeoutMs;
  private final ManagedChannel channel;
  private final Thread thread;

  private volatile boolean running = true;
  private volatile long intervalMs;
  private boolean registered;
  private boolean fullReportDue = true;
  private long lastFullReportNanos;
  private boolean reachable = true;
  private volatile long heartbeatsAnswered;

  MasterLink(HostPort master, ChunkserverInfo self, String metricsAddress, ReportBuilder reports, LeaseTable leases,
      CommandRunner commands, IntSupplier activeRequests, IntSupplier clonesInFlight, long intervalMs,
      long rpcTimeoutMs) {
    this.master = master;
    this.self = self;
    this.metricsAddress = metricsAddress;
    this.reports = reports;
    this.leases = leases;
    this.commands = commands;
    this.activeRequests = activeRequests;
    this.clonesInFlight = clonesInFlight;
    this.intervalMs = intervalMs;
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.channel = Rpc.channel(master.host(), master.port());
    this.thread = new Thread(this, self.getId() + "-heartbeat-" + master);
    this.thread.setDaemon(true);
  }

  ChangeTracker changes() {
    return changes;
  }

  long heartbeatsAnswered() {
    return heartbeatsAnswered;
  }

  void start() {
    thread.start();
  }

  @Override
  public void run() {
    long backoffMs = FIRST_BACKOFF_MS;
    while (running) {
      try {
        boolean answered = registered ? heartbeat() : register();
        if (answered) {
          backoffMs = FIRST_BACKOFF_MS;
          Thread.sleep(intervalMs);
        } else {
          backoffMs = sleepBackoff(backoffMs);
        }
      } catch (StatusRuntimeException e) {
        if (!running) {
          break;
        }
        noteUnreachable(e);
        registered = false;
        backoffMs = sleepBackoff(backoffMs);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.error("{}: heartbeat to master {} failed", self.getId(), master, e);
        backoffMs = sleepBackoff(backoffMs);
      }
    }
  }

  /** True when the master took the registration (a follower's NOT_LEADER included). */
  private boolean register() {
    changes.drain();  // the full report below covers everything touched so far
    RegisterRequest request = RegisterRequest.newBuilder().setServer(self).setMetricsAddress(metricsAddress)
        .setDisk(reports.disk())
        .addAllChunks(reports.full()).build();
    RegisterResponse response = stub().register(request);
    noteReachable();
    ErrorCode code = response.getError().getCode();
    if (code != ErrorCode.OK && code != ErrorCode.NOT_LEADER) {
      LOG.warn("{}: master {} refused registration: {} {}", self.getId(), master, code, response.getError().getMessage());
      return false;
    }
    registered = true;
    fullReportDue = false;
    lastFullReportNanos = System.nanoTime();
    if (response.getHeartbeatIntervalMs() > 0) {
      intervalMs = response.getHeartbeatIntervalMs();
    }
    LOG.info("{}: registered with master {} ({}) reporting {} chunks", self.getId(), master,
        code == ErrorCode.OK ? "leader" : "follower", request.getChunksCount());
    if (code == ErrorCode.OK) {
      commands.run(response.getCommandsList(), master.toString());
    }
    return true;
  }

  /** True when the master processed the heartbeat. */
  private boolean heartbeat() {
    boolean full = fullReportDue
        || System.nanoTime() - lastFullReportNanos >= TimeUnit.MILLISECONDS.toNanos(FULL_REPORT_INTERVAL_MS);
    Set<Long> touched = changes.drain();
    List<Long> removed = new ArrayList<>();
    List<ChunkReport> chunks = full ? reports.full() : reports.changed(touched, removed);
    HeartbeatRequest request = HeartbeatRequest.newBuilder().setServer(self).setDisk(reports.disk())
        .addAllChunks(chunks).setFullReport(full).addAllRemovedChunks(removed)
        .addAllLeaseExtensions(leases.extensionCandidates())
        .setActiveRequests(activeRequests.getAsInt()).setClonesInFlight(clonesInFlight.getAsInt())
        .addAllFailedClones(commands.failedClones()).build();
    long sentNanos = System.nanoTime();
    HeartbeatResponse response;
    try {
      response = stub().heartbeat(request);
    } catch (StatusRuntimeException e) {
      changes.restore(touched);
      throw e;
    }
    noteReachable();
    heartbeatsAnswered++;
    fullReportDue = response.getRequestFullReport();
    if (full) {
      lastFullReportNanos = sentNanos;
    }
    ErrorCode code = response.getError().getCode();
    if (code == ErrorCode.NOT_LEADER) {
      LOG.debug("{}: heartbeat to follower {} (leader hint '{}')", self.getId(), master, response.getError().getLeaderHint());
      return true;
    }
    if (!Errors.ok(response.getError())) {
      // Most likely a restarted master that does not know us: register again.
      LOG.warn("{}: master {} answered the heartbeat with {} {}: registering again", self.getId(), master, code,
          response.getError().getMessage());
      changes.restore(touched);
      registered = false;
      return false;
    }
    for (LeaseGrant extension : response.getExtendedLeasesList()) {
      leases.extend(extension.getHandle(), extension.getVersion(), extension.getLeaseDurationMs(), sentNanos);
    }
    commands.run(response.getCommandsList(), master.toString());
    return true;
  }

  private ChunkserverMasterServiceGrpc.ChunkserverMasterServiceBlockingStub stub() {
    return ChunkserverMasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(rpcTimeoutMs, TimeUnit.MILLISECONDS);
  }

  private void noteUnreachable(StatusRuntimeException e) {
    if (reachable) {
      reachable = false;
      LOG.warn("{}: master {} unreachable ({}): retrying with backoff", self.getId(), master, e.getStatus().getCode());
    } else {
      LOG.debug("{}: master {} still unreachable: {}", self.getId(), master, e.getStatus());
    }
  }

  private void noteReachable() {
    if (!reachable) {
      reachable = true;
      LOG.info("{}: master {} reachable again", self.getId(), master);
    }
  }

  /** Sleeps the backoff with jitter, returns the next one; stays in the loop if interrupted by stop. */
  private long sleepBackoff(long backoffMs) {
    try {
      Thread.sleep(backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1));
    } catch (InterruptedException e) {
      running = false;
    }
    return Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.MILLISECONDS.toMillis(rpcTimeoutMs + 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Rpc.close(channel);
  }
}
