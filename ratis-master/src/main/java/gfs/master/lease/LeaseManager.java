package gfs.master.lease;

import com.google.common.util.concurrent.ListenableFuture;
import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.config.MasterConfig;
import gfs.master.namespace.ChunkIds;
import gfs.master.placement.DiskRoom;
import gfs.master.placement.Placement;
import gfs.master.placement.RecentCreations;
import gfs.master.raft.Proposer;
import gfs.master.raft.RaftNode;
import gfs.master.replication.CloneThrottle;
import gfs.master.replication.ReplicationMonitor;
import gfs.master.rpc.ChunkserverClients;
import gfs.proto.BumpVersionOp;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverInfo;
import gfs.proto.CopyDoneOp;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.GrantLeaseResponse;
import gfs.proto.LeaseGrant;
import gfs.proto.LeaseInfo;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.PlaceChunkOp;
import gfs.proto.ReplaceChunkOp;
import gfs.proto.RevokeLeaseRequest;
import gfs.proto.RevokeLeaseResponse;
import gfs.rpc.Errors;
import io.grpc.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants leases (GFS section 3.1): one primary per chunk at a time. Every grant bumps the
 * chunk version through the log and then tells every up-to-date replica the new version
 * before the lease is handed to a client, so secondaries refuse an old primary's mutations.
 * A lease that may still be held by an unreachable primary is waited out, never overridden;
 * a new leader adopts leases its chunkservers report and waits out the others.
 *
 * <p>Copy-on-write (GFS section 3.4): a chunk shared with a snapshot (ref_count > 1) gets no
 * lease. The first lease request for it logs ReplaceChunk (the file gets a new handle whose
 * record says copy_from = old), and the caller looks the file up again; the lease on the new
 * handle is granted to the old chunk's up-to-date replicas with copy_from_handle set, so each
 * copies its replica locally, and CopyDone is logged before the lease is handed out. Until
 * then every request for the new handle redoes the copy grants (idempotent on chunkservers),
 * which also finishes a copy a crash or failover interrupted.
 */
public final class LeaseManager implements ReplicationMonitor.LeaseHolders {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseManager.class);

  /**
   * A lease decision: a lease, or the error to send. moved: the file's chunk at that index
   * got another handle (copy-on-write), look it up again and ask for that one; error then
   * says why, for a caller that gives up.
   */
  public record Outcome(LeaseInfo lease, Error error, boolean moved) {
    static Outcome of(Error error) {
      return new Outcome(null, error, false);
    }

    static Outcome moved(Error why) {
      return new Outcome(null, why, true);
    }
  }

  private final MasterConfig config;
  private final RaftNode raft;
  private final Proposer proposer;
  private final ClusterState cluster;
  private final ChunkserverClients chunkservers;
  private final Placement placement;
  private final RecentCreations recentCreations;
  /** Clones under way: a young one holds off new leases on its chunk. */
  private final CloneThrottle clones;
  /** Named as primary in grants that must make no replica primary. */
  private static final ChunkserverInfo NO_PRIMARY = ChunkserverInfo.newBuilder().setId("").build();
  /** Chunks whose leases a snapshot revokes at once (each a call to one or more servers). */
  static final int MAX_REVOKES_IN_FLIGHT = 256;

  private final LeaseTable table = new LeaseTable();
  private final LongSupplier nanoClock;
  /** The chunk's record in the namespace store now (null when gone). */
  private final LongFunction<ChunkRecord> recordOf;
  /** Striped locks: one lease decision per chunk at a time, bounded memory. */
  private final Object[] chunkLocks = new Object[1024];

  public LeaseManager(MasterConfig config, RaftNode raft, Proposer proposer, ClusterState cluster,
      ChunkserverClients chunkservers, Placement placement, RecentCreations recentCreations,
      CloneThrottle clones, LongSupplier nanoClock, LongFunction<ChunkRecord> recordOf) {
    this.config = config;
    this.raft = raft;
    this.proposer = proposer;
    this.cluster = cluster;
    this.chunkservers = chunkservers;
    this.placement = placement;
    this.recentCreations = recentCreations;
    this.clones = clones;
    this.nanoClock = nanoClock;
    this.recordOf = recordOf;
    for (int i = 0; i < chunkLocks.length; i++) {
      chunkLocks[i] = new Object();
    }
  }

  public int leaseCount() {
    return table.size();
  }

  /** The primary of a lease on handle that may still be in force, or null (read-only). */
  @Override
  public String holder(long handle) {
    Lease lease = table.get(handle);
    return lease != null && lease.mayStillBeHeld(nanoClock.getAsLong()) ? lease.primaryId() : null;
  }

  /**
   * Readies handle for a clone already reserved in the throttle (so {@link #decide} grants no
   * new lease on it): a copy taken while a primary goes on mutating would miss mutations at the
   * same version, and a chunk appended to without pause keeps its lease for ever, so the lease
   * in force is revoked. Under the chunk's lock, so a grant that was deciding when the clone was
   * reserved has finished, and its new version and replicas are seen. Returns false when the
   * clone is no longer needed (a new chunk's first grant recorded its replicas meanwhile: its
   * lease is left alone), a lease must be waited out (its primary cannot be reached) or the
   * chunk is past version.
   */
  @Override
  public boolean readyForCopy(long handle, long version, BooleanSupplier stillNeeded) {
    Object lock = chunkLocks[(int) Math.floorMod(handle, (long) chunkLocks.length)];
    synchronized (lock) {
      if (!stillNeeded.getAsBoolean()) {
        return false;
      }
      Lease lease = table.get(handle);
      if (lease != null && lease.mayStillBeHeld(nanoClock.getAsLong())) {
        if (!cluster.registry().isLive(lease.primaryId())
            || revoke(lease, "(to re-replicate it)") != null) {
          return false;
        }
      }
      ChunkRecord record = recordOf.apply(handle);
      return record != null && record.getVersion() == version;
    }
  }

  /** failedVersion for a caller whose cached lease did not fail it. */
  public static final long NO_FAILURE = -1;

  /**
   * The lease on chunk handle (at namespace version), granting one when needed.
   *
   * @param failedVersion the version of the caller's lease that failed it: {@link #NO_FAILURE},
   *     0 when not known, else a version; a lease at that version (or older) is checked again
   *     (revoked and granted anew), a newer one was granted since the failure and is handed back
   */
  public Outcome lease(String path, ChunkLocation chunk, int replication, long failedVersion,
      String clientHost) {
    long leaderSince = table.enterTerm(raft.term(), nanoClock.getAsLong());
    // Forked: once the version bump is logged, the grants must reach the replicas even when
    // the client that asked gave up (its cancellation would cancel calls made in its context
    // and leave the chunk with no replica at the logged version).
    try {
      return Context.current().fork().call(() -> leaseInOwnContext(path, chunk, replication, failedVersion,
          clientHost, leaderSince));
    } catch (Exception e) {
      return Outcome.of(Errors.of(ErrorCode.INTERNAL, "lease decision for chunk "
          + ChunkIds.format(chunk.getHandle()) + " of " + path + " failed: " + e));
    }
  }

  private Outcome leaseInOwnContext(String path, ChunkLocation chunk, int replication, long failedVersion,
      String clientHost, long leaderSince) {
    Object lock = chunkLocks[(int) Math.floorMod(chunk.getHandle(), (long) chunkLocks.length)];
    // One decision per chunk at a time; every call inside is bounded by a deadline.
    synchronized (lock) {
      // Another caller may have granted (and bumped the version) while this one waited.
      ChunkRecord record = recordOf.apply(chunk.getHandle());
      if (record == null) {
        return Outcome.of(Errors.of(ErrorCode.NOT_FOUND, "chunk " + ChunkIds.format(chunk.getHandle())
            + " of " + path + " no longer exists"));
      }
      ChunkLocation current = chunk.toBuilder().setVersion(record.getVersion()).build();
      return switch (CopyOnWrite.next(record)) {
        case LEASE -> decide(path, current, record, replication, failedVersion, clientHost, leaderSince);
        case SPLIT -> replace(path, current);
        case COPY -> copy(path, current, record.getCopyFrom(), clientHost, false);
        case COPY_THEN_SPLIT -> copy(path, current, record.getCopyFrom(), clientHost, true);
      };
    }
  }

  /** Whether a caller's failure at failedVersion concerns a lease at leaseVersion. */
  static boolean failedAt(long failedVersion, long leaseVersion) {
    return failedVersion == 0 || (failedVersion > 0 && failedVersion >= leaseVersion);
  }

  private Outcome decide(String path, ChunkLocation chunk, ChunkRecord record, int replication,
      long failedVersion, String clientHost, long leaderSinceNanos) {
    long handle = chunk.getHandle();
    long version = chunk.getVersion();
    if (version == 1 && cluster.anyReplicaServers(handle).isEmpty()) {
      if (record.getPlacedOnCount() == 0) {
        return create(path, chunk, replication, clientHost);
      }
      Outcome unreported = findPlaced(path, chunk, record, replication, clientHost, leaderSinceNanos);
      if (unreported != null) {
        return unreported;
      }
    }
    long now = nanoClock.getAsLong();
    Lease current = table.get(handle);
    boolean replicaLost = cluster.hasUnreachableReplicaAt(handle, version);
    if (current != null && current.version() == version && current.isValid(now)
        && !failedAt(failedVersion, current.version()) && cluster.registry().isLive(current.primaryId())) {
      if (!replicaLost) {
        return outcome(chunk, current, clientHost);
      }
      // A replica of this version died: the lease is revoked below and a grant at a new
      // version leaves the dead replica stale (it may miss every write from now on).
      LOG.info("lease on {} (version {}) held by {} is replaced: a replica at that version is not live",
          ChunkIds.format(handle), version, current.primaryId());
    }
    List<ChunkserverInfo> upToDate = cluster.upToDateReplicas(handle, version, clientHost);
    if (upToDate.size() < replication) {
      cluster.clientBlockedOn(handle);
    }
    if (upToDate.isEmpty()) {
      return Outcome.of(Errors.of(ErrorCode.NO_CHUNKSERVERS, "no live up-to-date replica of chunk "
          + ChunkIds.format(handle) + " (version " + version + ") of " + path));
    }
    CloneThrottle.Clone clone = clones.holdingLeases(handle);
    if (clone != null && !landed(clone)) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "chunk " + ChunkIds.format(handle) + " of " + path
          + " is being re-replicated (clone from " + clone.source() + " to " + clone.target() + ", started "
          + (now - clone.startedNanos()) / 1_000_000L + " ms ago): no new lease until it ends, at most "
          + clones.writeHoldMs() + " ms; retry"));
    }
    Lease fenced = null;
    if (current != null && current.mayStillBeHeld(now)) {
      Error blocked = revoke(current, path);
      if (blocked != null) {
        if (!canFence(current, upToDate)) {
          return Outcome.of(blocked);
        }
        // The old primary cannot be reached but all its secondaries can: once they hold a
        // newer version they refuse its mutations, so it can never complete one again.
        fenced = current;
      }
    } else if (current == null && now - leaderSinceNanos < leaseNanos() + rpcNanos()) {
      // A lease granted by the previous leader may still be running: adopt it or wait it out.
      Outcome adopted = adoptOrWait(path, chunk, upToDate, failedAt(failedVersion, version), clientHost,
          leaderSinceNanos);
      if (adopted != null) {
        return adopted;
      }
    }
    return grant(path, chunk, upToDate, clientHost, fenced);
  }

  /** Whether the clone's target reports the chunk already (the scan that ends it may be seconds away). */
  private boolean landed(CloneThrottle.Clone clone) {
    ChunkLocations.Replica replica = cluster.locations().replicas(clone.handle()).get(clone.target());
    return replica != null && replica.version() >= clone.version();
  }

  /** True when every secondary of lease is live and up to date, so a new version fences it. */
  private static boolean canFence(Lease lease, List<ChunkserverInfo> upToDate) {
    Set<String> live = new HashSet<>();
    upToDate.forEach(s -> live.add(s.getId()));
    return !lease.secondaryIds().isEmpty() && live.containsAll(lease.secondaryIds());
  }

  /** Places a new chunk and grants the first lease at version 1. */
  private Outcome create(String path, ChunkLocation chunk, int replication, String clientHost) {
    List<Placement.Candidate> candidates = new ArrayList<>();
    List<String> full = new ArrayList<>();
    Set<String> decommissioning = cluster.decommissioning();
    for (ChunkserverRegistry.Entry entry : cluster.registry().live()) {
      if (decommissioning.contains(entry.info().getId())) {
        continue;
      }
      if (!DiskRoom.hasRoomFor(entry.disk(), config.chunkSizeBytes())) {
        full.add(entry.info().getId() + " (" + entry.disk().getFreeBytes() + " bytes free)");
        continue;
      }
      // Chunk bytes, not free space: chunkservers sharing one disk would all look alike.
      double used = entry.disk().getCapacityBytes() <= 0 ? 0
          : (double) entry.disk().getUsedBytes() / entry.disk().getCapacityBytes();
      candidates.add(new Placement.Candidate(entry.info().getId(), entry.info().getRack(), used,
          recentCreations.count(entry.info().getId())));
    }
    List<Placement.Candidate> chosen = placement.choose(replication, candidates, Set.of(), Set.of());
    if (chosen.isEmpty()) {
      // Full disks do not free themselves while a writer retries: it is told at once (DISK_FULL).
      return Outcome.of(Errors.of(full.isEmpty() ? ErrorCode.NO_CHUNKSERVERS : ErrorCode.DISK_FULL,
          "no live chunkserver to place chunk " + ChunkIds.format(chunk.getHandle()) + " of " + path
              + (full.isEmpty() ? "" : ": no room for a chunk of " + config.chunkSizeBytes() + " bytes (disk full)"
                  + " on " + String.join(", ", full))));
    }
    List<ChunkserverInfo> servers = chosen.stream()
        .map(c -> cluster.registry().get(c.id()).info()).toList();
    // Logged before any replica exists: a master that later knows none (every server restarted
    // since, or it is a new leader) then asks these servers instead of creating it empty again.
    OperationResult placed = place(chunk.getHandle(), servers, path);
    if (!Errors.ok(placed.getError())) {
      return Outcome.of(placed.getError());
    }
    long sentAt = nanoClock.getAsLong();
    Grants grants = sendGrantsCounted(chunk.getHandle(), 1, servers, servers.get(0), true, 0);
    List<ChunkserverInfo> accepted = grants.accepted();
    if (accepted.isEmpty()) {
      if (grants.refused() == servers.size()) {
        // Every server answered no: the chunk is on none, and the next request places it again.
        place(chunk.getHandle(), List.of(), path);
      }
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "could not create chunk "
          + ChunkIds.format(chunk.getHandle()) + " of " + path + " on any of " + names(servers)));
    }
    accepted.forEach(s -> recentCreations.record(s.getId()));
    ChunkserverInfo primary = ensurePrimary(chunk.getHandle(), 1, accepted, servers.get(0), true);
    if (primary == null) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "chunk " + ChunkIds.format(chunk.getHandle())
          + " of " + path + ": no replica took the lease"));
    }
    LOG.info("created {} of {} on {}, primary {}", ChunkIds.format(chunk.getHandle()), path,
        names(accepted), primary.getId());
    return finishGrant(chunk.toBuilder().setVersion(1).build(), accepted, primary, sentAt,
        clientHost, true);
  }

  /** Logs where a new chunk is being created (no servers: on none). */
  private OperationResult place(long handle, List<ChunkserverInfo> servers, String path) {
    Operation op = Operation.newBuilder().setTimestampMs(System.currentTimeMillis())
        .setPlaceChunk(PlaceChunkOp.newBuilder().setHandle(handle)
            .addAllServers(servers.stream().map(ChunkserverInfo::getId).toList()))
        .build();
    return proposeBounded(op, "placement of chunk " + ChunkIds.format(handle) + " of " + path);
  }

  /**
   * A new chunk that was placed (PlaceChunk logged) but of which this master knows no replica:
   * its servers have not reported to it yet (every server restarted, or it is a new leader).
   * Each is asked. A replica one holds is recorded, and null returned: the lease is decided as
   * usual. When every one answers that it holds none, the creation never reached them (the
   * master that placed it stopped before its grants): the chunk is placed again, once no grant
   * or lease of that placement can still be under way. Otherwise the writer is told to retry:
   * its data may be on a server that does not answer, and a chunk created empty over it would
   * lose acknowledged writes.
   */
  private Outcome findPlaced(String path, ChunkLocation chunk, ChunkRecord record, int replication,
      String clientHost, long leaderSinceNanos) {
    long handle = chunk.getHandle();
    Map<String, ListenableFuture<GetChunkInfoResponse>> calls = new LinkedHashMap<>();
    List<String> silent = new ArrayList<>();
    for (String id : record.getPlacedOnList()) {
      ChunkserverRegistry.Entry entry = cluster.registry().get(id);
      if (entry == null || !cluster.registry().isLive(id)) {
        silent.add(id + " (not live)");
      } else {
        calls.put(id, chunkservers.data(entry.info())
            .getChunkInfo(GetChunkInfoRequest.newBuilder().setHandle(handle).build()));
      }
    }
    List<String> holders = new ArrayList<>();
    for (var call : calls.entrySet()) {
      String id = call.getKey();
      try {
        GetChunkInfoResponse info = call.getValue().get(rpcTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        if (Errors.ok(info.getError())) {
          cluster.locations().update(id, List.of(ChunkReport.newBuilder().setHandle(handle)
              .setVersion(info.getVersion()).setLength(info.getLength()).build()), List.of());
          holders.add(id);
        } else if (info.getError().getCode() != ErrorCode.NOT_FOUND) {
          silent.add(id + " (" + info.getError().getCode() + ")");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "interrupted"));
      } catch (ExecutionException | TimeoutException e) {
        silent.add(id + " (" + (e.getCause() == null ? e.toString() : e.getCause().getMessage()) + ")");
      }
    }
    String chunkName = "chunk " + ChunkIds.format(handle) + " of " + path;
    if (!holders.isEmpty()) {
      LOG.info("{}: replicas on {} not reported to this master yet, found by asking", chunkName, holders);
      return null;
    }
    if (!silent.isEmpty()) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, chunkName + " was placed on "
          + record.getPlacedOnList() + " and no replica of it is known: " + String.join(", ", silent)
          + " could not say whether it holds one; retry"));
    }
    long settleMs = config.leaseDurationMs() + 2 * rpcTimeoutMs();
    long sincePlacedMs = System.currentTimeMillis() - record.getPlacedAtMs();
    long sinceElectedMs = (nanoClock.getAsLong() - leaderSinceNanos) / 1_000_000L;
    long waitMs = Math.max(settleMs - sincePlacedMs, settleMs - sinceElectedMs);
    if (waitMs > 0) {
      // A grant of that placement may still be on its way, with a lease a writer could use.
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, chunkName + " was placed on "
          + record.getPlacedOnList() + ", none of which holds it yet; it is placed again in "
          + waitMs + " ms unless one reports it; retry"));
    }
    LOG.warn("{} was placed on {} {} ms ago, none of which holds it (its creation never reached them):"
        + " placing it again", chunkName, record.getPlacedOnList(), sincePlacedMs);
    return create(path, chunk, replication, clientHost);
  }

  /** Bumps the version through the log and hands the lease to the first accepting replica. */
  private Outcome grant(String path, ChunkLocation chunk, List<ChunkserverInfo> upToDate,
      String clientHost, Lease fenced) {
    long newVersion = chunk.getVersion() + 1;
    Operation bump = Operation.newBuilder().setTimestampMs(System.currentTimeMillis())
        .setBumpVersion(BumpVersionOp.newBuilder().setHandle(chunk.getHandle()).setNewVersion(newVersion))
        .build();
    OperationResult result;
    try {
      result = proposer.propose(bump).get(rpcTimeoutMs() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "could not log the version bump of chunk "
          + ChunkIds.format(chunk.getHandle()) + ": " + e));
    }
    if (!Errors.ok(result.getError())) {
      return Outcome.of(result.getError());
    }
    long sentAt = nanoClock.getAsLong();
    ChunkserverInfo primary = upToDate.get(0);
    List<ChunkserverInfo> accepted = sendGrants(chunk.getHandle(), newVersion, upToDate, primary, false);
    if (accepted.isEmpty()) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "no replica of chunk "
          + ChunkIds.format(chunk.getHandle()) + " of " + path + " accepted version " + newVersion
          + " (tried " + names(upToDate) + ")"));
    }
    if (fenced != null && !accepted.stream().map(ChunkserverInfo::getId).toList()
        .containsAll(fenced.secondaryIds())) {
      // Some old secondary still has the old version: the old primary could still complete a
      // mutation with it, so the new lease is not handed out until the old one has run out.
      long waitMs = (fenced.possiblyHeldUntilNanos() - nanoClock.getAsLong()) / 1_000_000L;
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "lease on chunk " + ChunkIds.format(chunk.getHandle())
          + " of " + path + " may still be held by unreachable " + fenced.primaryId() + " for "
          + Math.max(0, waitMs) + " ms; retry then"));
    }
    primary = ensurePrimary(chunk.getHandle(), newVersion, accepted, primary, false);
    if (primary == null) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "chunk " + ChunkIds.format(chunk.getHandle())
          + " of " + path + ": no replica took the lease at version " + newVersion));
    }
    if (fenced != null) {
      LOG.info("lease of unreachable {} on {} fenced by version {}", fenced.primaryId(),
          ChunkIds.format(chunk.getHandle()), newVersion);
    }
    LOG.info("lease on {} (version {}) of {} granted to {}, replicas {}",
        ChunkIds.format(chunk.getHandle()), newVersion, path, primary.getId(), names(accepted));
    return finishGrant(chunk.toBuilder().setVersion(newVersion).build(), accepted, primary, sentAt,
        clientHost, false);
  }

  /**
   * Copy-on-write, first step: the chunk is shared with a snapshot. Logs ReplaceChunk (the
   * file gets a new handle to copy into); the caller looks the file up again either way.
   */
  private Outcome replace(String path, ChunkLocation shared) {
    Operation op = Operation.newBuilder().setTimestampMs(System.currentTimeMillis())
        .setReplaceChunk(ReplaceChunkOp.newBuilder().setPath(path).setChunkIndex(shared.getChunkIndex())
            .setOldHandle(shared.getHandle()))
        .build();
    OperationResult result = proposeBounded(op, "copy-on-write of chunk " + ChunkIds.format(shared.getHandle())
        + " of " + path);
    if (result.hasError() && result.getError().getCode() == ErrorCode.UNAVAILABLE) {
      return Outcome.of(result.getError());
    }
    if (Errors.ok(result.getError())) {
      LOG.info("chunk {} (index {}) of {} is shared with a snapshot: its first write goes to new chunk {}",
          ChunkIds.format(shared.getHandle()), shared.getChunkIndex(), path,
          ChunkIds.format(result.getChunk().getHandle()));
      return Outcome.moved(null);
    }
    // Refused, e.g. another request split it first ("no longer shared"): look the file up again.
    LOG.debug("replace of {} of {} refused: {}", ChunkIds.format(shared.getHandle()), path,
        result.getError().getMessage());
    return Outcome.moved(result.getError());
  }

  /**
   * Copy-on-write, second step: grants the lease on the new chunk to the live up-to-date
   * replicas of the one it is copied from, each of which copies its replica locally first;
   * logs CopyDone once one did, then hands out the lease. shared: the new chunk itself is
   * shared with a snapshot by now: the copies get no primary, and after CopyDone the chunk is
   * split again (ReplaceChunk) instead of leased.
   */
  private Outcome copy(String path, ChunkLocation chunk, long fromHandle, String clientHost,
      boolean shared) {
    long handle = chunk.getHandle();
    ChunkRecord from = recordOf.apply(fromHandle);
    if (from == null) {
      return Outcome.of(Errors.of(ErrorCode.INTERNAL, "chunk " + ChunkIds.format(handle) + " of " + path
          + " is to be copied from " + ChunkIds.format(fromHandle) + ", which no longer exists"));
    }
    List<ChunkserverInfo> sources = cluster.upToDateReplicas(fromHandle, from.getVersion(), clientHost);
    if (sources.isEmpty()) {
      return Outcome.of(Errors.of(ErrorCode.NO_CHUNKSERVERS, "no live up-to-date replica of chunk "
          + ChunkIds.format(fromHandle) + " (version " + from.getVersion() + ") to copy into "
          + ChunkIds.format(handle) + " of " + path));
    }
    long sentAt = nanoClock.getAsLong();
    ChunkserverInfo preferred = shared ? NO_PRIMARY : sources.get(0);
    List<ChunkserverInfo> accepted = sendGrants(handle, chunk.getVersion(), sources, preferred, false, fromHandle);
    if (accepted.isEmpty()) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "no replica of chunk " + ChunkIds.format(fromHandle)
          + " copied it to " + ChunkIds.format(handle) + " of " + path + " (tried " + names(sources) + ")"));
    }
    ChunkserverInfo primary = shared ? NO_PRIMARY
        : ensurePrimary(handle, chunk.getVersion(), accepted, preferred, false);
    if (primary == null) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "chunk " + ChunkIds.format(handle) + " of " + path
          + ": no replica took the lease after the copy"));
    }
    long lengthBytes = cluster.lengthHint(fromHandle, from.getVersion());
    for (ChunkserverInfo server : accepted) {
      cluster.locations().recordVersion(server.getId(), handle, chunk.getVersion(), lengthBytes);
    }
    OperationResult done = proposeBounded(Operation.newBuilder().setTimestampMs(System.currentTimeMillis())
        .setCopyDone(CopyDoneOp.newBuilder().setHandle(handle)).build(),
        "end of the copy of " + ChunkIds.format(fromHandle) + " to " + ChunkIds.format(handle));
    if (!Errors.ok(done.getError())) {
      // The copies stay; the next request for the chunk grants them again and retries this.
      return Outcome.of(done.getError());
    }
    LOG.info("copy-on-write: chunk {} copied to {} (version {}) of {} on {}, primary {}",
        ChunkIds.format(fromHandle), ChunkIds.format(handle), chunk.getVersion(), path, names(accepted),
        shared ? "none (snapshotted again)" : primary.getId());
    return shared ? replace(path, chunk) : startLease(chunk, accepted, primary, sentAt, clientHost);
  }

  /** Proposes op and waits a bounded time; an UNAVAILABLE result when it could not be logged. */
  private OperationResult proposeBounded(Operation op, String what) {
    try {
      return proposer.propose(op).get(rpcTimeoutMs() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return OperationResult.newBuilder().setError(Errors.of(ErrorCode.UNAVAILABLE,
          "could not log the " + what + ": " + e)).build();
    }
  }

  private Outcome finishGrant(ChunkLocation chunk, List<ChunkserverInfo> accepted,
      ChunkserverInfo primary, long sentAtNanos, String clientHost, boolean created) {
    for (ChunkserverInfo server : accepted) {
      cluster.locations().recordVersion(server.getId(), chunk.getHandle(), chunk.getVersion(),
          created ? 0 : cluster.lengthHint(chunk.getHandle(), chunk.getVersion() - 1));
    }
    return startLease(chunk, accepted, primary, sentAtNanos, clientHost);
  }

  /** Records the lease the accepting replicas now hold and answers with it. */
  private Outcome startLease(ChunkLocation chunk, List<ChunkserverInfo> accepted,
      ChunkserverInfo primary, long sentAtNanos, String clientHost) {
    List<String> secondaries = accepted.stream().map(ChunkserverInfo::getId)
        .filter(id -> !id.equals(primary.getId())).toList();
    Lease lease = new Lease(chunk.getHandle(), chunk.getVersion(), primary.getId(), secondaries,
        sentAtNanos + leaseNanos(), nanoClock.getAsLong() + leaseNanos() + rpcNanos());
    table.put(lease);
    return outcome(chunk, lease, clientHost);
  }

  /**
   * The primary among the accepting replicas: preferred if it accepted the grant as primary,
   * else the first other one that takes a primary grant now. Null when none does.
   */
  private ChunkserverInfo ensurePrimary(long handle, long version, List<ChunkserverInfo> accepted,
      ChunkserverInfo preferred, boolean create) {
    if (accepted.contains(preferred)) {
      return preferred;
    }
    for (ChunkserverInfo candidate : accepted) {
      if (!sendGrants(handle, version, List.of(candidate), candidate, create).isEmpty()) {
        return candidate;
      }
    }
    return null;
  }

  /** Sends a grant to every server in parallel; returns those that accepted. */
  private List<ChunkserverInfo> sendGrants(long handle, long version, List<ChunkserverInfo> servers,
      ChunkserverInfo primary, boolean create) {
    return sendGrants(handle, version, servers, primary, create, 0);
  }

  /** Like the above; copyFrom != 0: each server first copies its replica of copyFrom to handle. */
  private List<ChunkserverInfo> sendGrants(long handle, long version, List<ChunkserverInfo> servers,
      ChunkserverInfo primary, boolean create, long copyFrom) {
    return sendGrantsCounted(handle, version, servers, primary, create, copyFrom).accepted();
  }

  /** The servers that accepted a grant, and how many answered that they refused it. */
  private record Grants(List<ChunkserverInfo> accepted, int refused) {}

  private Grants sendGrantsCounted(long handle, long version, List<ChunkserverInfo> servers,
      ChunkserverInfo primary, boolean create, long copyFrom) {
    List<ListenableFuture<GrantLeaseResponse>> calls = new ArrayList<>();
    for (ChunkserverInfo server : servers) {
      calls.add(chunkservers.control(server).grantLease(LeaseGrant.newBuilder()
          .setHandle(handle).setVersion(version).setPrimary(server.getId().equals(primary.getId()))
          .setLeaseDurationMs(config.leaseDurationMs()).setCreate(create)
          .setChunkSize(config.chunkSizeBytes()).setCopyFromHandle(copyFrom).build()));
    }
    List<ChunkserverInfo> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < servers.size(); i++) {
      ChunkserverInfo server = servers.get(i);
      try {
        GrantLeaseResponse response = calls.get(i).get(rpcTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        if (Errors.ok(response.getError())) {
          accepted.add(server);
        } else {
          refused++;
          LOG.warn("{} refused version {} of {}: {}", server.getId(), version, ChunkIds.format(handle),
              response.getError().getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("{} did not take version {} of {}: {}", server.getId(), version, ChunkIds.format(handle),
            e.getCause() == null ? e.toString() : e.getCause().getMessage());
      }
    }
    return new Grants(accepted, refused);
  }

  /** Revokes a lease that may still be held; an error when it cannot be and must be waited out. */
  private Error revoke(Lease lease, String path) {
    ChunkserverRegistry.Entry holder = cluster.registry().get(lease.primaryId());
    if (holder != null) {
      try {
        var response = chunkservers.control(holder.info())
            .revokeLease(RevokeLeaseRequest.newBuilder().setHandle(lease.handle()).build())
            .get(rpcTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        if (Errors.ok(response.getError())) {
          LOG.info("lease on {} revoked from {}", ChunkIds.format(lease.handle()), lease.primaryId());
          // Kept, ended: with no entry, a lease request soon after an election would ask the
          // replicas whether one holds a lease from the previous leader, and wait out one that
          // cannot answer (a dead replica), though this leader knows the lease is over.
          long now = nanoClock.getAsLong();
          table.put(new Lease(lease.handle(), lease.version(), lease.primaryId(), lease.secondaryIds(), now, now));
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("revoke of {} from {} failed: {}", ChunkIds.format(lease.handle()), lease.primaryId(), e.toString());
      }
    }
    long waitMs = (lease.possiblyHeldUntilNanos() - nanoClock.getAsLong()) / 1_000_000L;
    return Errors.of(ErrorCode.UNAVAILABLE, "lease on chunk " + ChunkIds.format(lease.handle()) + " of "
        + path + " may still be held by unreachable " + lease.primaryId() + " for " + Math.max(0, waitMs)
        + " ms; retry then");
  }

  /**
   * Shortly after an election: asks the replicas whether one holds a lease from the previous
   * leader. Returns the adopted lease, an error to wait, or null when a new grant is safe.
   */
  private Outcome adoptOrWait(String path, ChunkLocation chunk, List<ChunkserverInfo> upToDate,
      boolean primaryFailed, String clientHost, long leaderSinceNanos) {
    Set<String> answered = new HashSet<>();
    for (ChunkserverInfo server : upToDate) {
      try {
        GetChunkInfoResponse info = chunkservers.data(server)
            .getChunkInfo(GetChunkInfoRequest.newBuilder().setHandle(chunk.getHandle()).build())
            .get(rpcTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        answered.add(server.getId());
        if (info.getPrimary() && info.getLeaseRemainingMs() > 0 && info.getVersion() == chunk.getVersion()) {
          long now = nanoClock.getAsLong();
          Lease lease = new Lease(chunk.getHandle(), chunk.getVersion(), server.getId(),
              upToDate.stream().map(ChunkserverInfo::getId).filter(id -> !id.equals(server.getId())).toList(),
              now + info.getLeaseRemainingMs() * 1_000_000L,
              now + (info.getLeaseRemainingMs() + rpcTimeoutMs()) * 1_000_000L);
          table.put(lease);
          if (primaryFailed || cluster.hasUnreachableReplicaAt(chunk.getHandle(), chunk.getVersion())) {
            // Not to be used as it is (see decide): revoked, then a grant bumps the version.
            Error blocked = revoke(lease, path);
            return blocked == null ? null : Outcome.of(blocked);
          }
          LOG.info("adopted lease on {} held by {} from the previous leader", ChunkIds.format(chunk.getHandle()),
              server.getId());
          return outcome(chunk, lease, clientHost);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "interrupted"));
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("{} did not say whether it holds a lease on {}: {}", server.getId(),
            ChunkIds.format(chunk.getHandle()), e.toString());
      }
    }
    List<String> silent = cluster.anyReplicaServers(chunk.getHandle()).stream()
        .filter(id -> !answered.contains(id)).toList();
    if (silent.isEmpty()) {
      return null;
    }
    long waitMs = (leaderSinceNanos + leaseNanos() + rpcNanos() - nanoClock.getAsLong()) / 1_000_000L;
    return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "chunk " + ChunkIds.format(chunk.getHandle()) + " of "
        + path + ": replicas " + silent + " may hold a lease from the previous leader; retry in "
        + Math.max(0, waitMs) + " ms"));
  }

  /** A heartbeat asks to extend a lease; true when this leader extended (or adopted) it. */
  public LeaseGrant extend(String serverId, long handle, long version, long namespaceVersion,
      long requestSentNanos) {
    table.enterTerm(raft.term(), nanoClock.getAsLong());
    Lease lease = table.get(handle);
    if (lease == null) {
      if (version != namespaceVersion || isShared(handle)) {
        // A chunk shared with a snapshot has no lease (revoked when the snapshot was taken; a
        // late extension request must not bring it back).
        return null;
      }
    } else if (!lease.primaryId().equals(serverId) || lease.version() != version
        || !lease.mayStillBeHeld(nanoClock.getAsLong())) {
      return null;  // another's, another version's, or over (revoked): never brought back
    }
    List<String> secondaries = lease == null ? List.of() : lease.secondaryIds();
    long now = nanoClock.getAsLong();
    table.put(new Lease(handle, version, serverId, secondaries, requestSentNanos + leaseNanos(),
        now + leaseNanos() + rpcNanos()));
    return LeaseGrant.newBuilder().setHandle(handle).setVersion(version).setPrimary(true)
        .setLeaseDurationMs(config.leaseDurationMs()).build();
  }

  private boolean isShared(long handle) {
    ChunkRecord record = recordOf.apply(handle);
    return record != null && (record.getRefCount() > 1 || record.getCopyFrom() != 0);
  }

  // ------------------------------------------------------------------ snapshots

  /**
   * Before a snapshot is logged: makes sure no lease on handles can still be held, so no
   * mutation reaches them once they are shared. Leases this leader knows of are revoked
   * through their primaries; shortly after an election every replica holder is told to drop
   * any lease it may hold from the previous leader. A holder that cannot be reached is waited
   * out, until deadlineNanos at most. Returns null when done, else the UNAVAILABLE error
   * naming a chunk that blocked and how long it may still be held. The caller holds the
   * namespace locks that keep new leases on these chunks from being granted meanwhile.
   */
  public Error revokeAll(String sourcePath, Collection<Long> handles, long deadlineNanos) {
    long leaderSince = table.enterTerm(raft.term(), nanoClock.getAsLong());
    boolean afterElection = nanoClock.getAsLong() - leaderSince < leaseNanos() + rpcNanos();
    Map<Long, Long> heldUntil = new LinkedHashMap<>();
    Map<Long, String> holder = new LinkedHashMap<>();
    List<Long> batch = new ArrayList<>(MAX_REVOKES_IN_FLIGHT);
    int done = 0;
    for (long handle : handles) {
      batch.add(handle);
      if (batch.size() == MAX_REVOKES_IN_FLIGHT) {
        if (nanoClock.getAsLong() - deadlineNanos > 0) {
          return Errors.of(ErrorCode.UNAVAILABLE, "snapshot of " + sourcePath + ": revoked the leases on only "
              + done + " of " + handles.size() + " chunks before this call's deadline; retry");
        }
        revokeBatch(batch, leaderSince, afterElection, heldUntil, holder);
        done += batch.size();
        batch.clear();
      }
    }
    revokeBatch(batch, leaderSince, afterElection, heldUntil, holder);
    return waitOut(sourcePath, heldUntil, holder, deadlineNanos);
  }

  /**
   * Revokes the leases on one batch of chunks in parallel. A chunk whose lease may still be
   * held by a server that did not answer is left in heldUntil (until when) and holder (who).
   */
  private void revokeBatch(List<Long> handles, long leaderSince, boolean afterElection,
      Map<Long, Long> heldUntil, Map<Long, String> holder) {
    long now = nanoClock.getAsLong();
    // handle -> (server -> pending revoke call, null when the server is not registered)
    Map<Long, Map<String, ListenableFuture<RevokeLeaseResponse>>> calls = new LinkedHashMap<>();
    Map<Long, Long> until = new LinkedHashMap<>();
    for (long handle : handles) {
      Lease lease = table.get(handle);
      List<String> servers;
      if (lease != null && lease.mayStillBeHeld(now)) {
        servers = List.of(lease.primaryId());
        until.put(handle, lease.possiblyHeldUntilNanos());
      } else if (afterElection) {
        // The previous leader may have granted one to any replica.
        servers = cluster.anyReplicaServers(handle);
        until.put(handle, leaderSince + leaseNanos() + rpcNanos());
      } else {
        table.remove(handle);
        continue;
      }
      Map<String, ListenableFuture<RevokeLeaseResponse>> perServer = new LinkedHashMap<>();
      for (String server : servers) {
        ChunkserverRegistry.Entry entry = cluster.registry().get(server);
        perServer.put(server, entry == null ? null : chunkservers.control(entry.info())
            .revokeLease(RevokeLeaseRequest.newBuilder().setHandle(handle).build()));
      }
      calls.put(handle, perServer);
    }
    for (var chunk : calls.entrySet()) {
      String unreachable = null;
      for (var call : chunk.getValue().entrySet()) {
        if (!revoked(chunk.getKey(), call.getKey(), call.getValue())) {
          unreachable = call.getKey();
        }
      }
      if (unreachable == null) {
        table.remove(chunk.getKey());
      } else {
        heldUntil.put(chunk.getKey(), until.get(chunk.getKey()));
        holder.put(chunk.getKey(), unreachable);
      }
    }
  }

  private boolean revoked(long handle, String server, ListenableFuture<RevokeLeaseResponse> call) {
    if (call == null) {
      return false;
    }
    try {
      RevokeLeaseResponse response = call.get(rpcTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
      if (Errors.ok(response.getError())) {
        LOG.debug("lease on {} revoked from {} for a snapshot", ChunkIds.format(handle), server);
        return true;
      }
      LOG.warn("{} refused to drop its lease on {}: {}", server, ChunkIds.format(handle),
          response.getError().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("could not revoke the lease on {} from {}: {}", ChunkIds.format(handle), server,
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
    }
    return false;
  }

  /** Waits until every lease in heldUntil has run out, or answers why it cannot wait that long. */
  private Error waitOut(String sourcePath, Map<Long, Long> heldUntil, Map<Long, String> holder,
      long deadlineNanos) {
    if (heldUntil.isEmpty()) {
      return null;
    }
    long handle = heldUntil.keySet().iterator().next();
    for (var e : heldUntil.entrySet()) {
      if (e.getValue() > heldUntil.get(handle)) {
        handle = e.getKey();
      }
    }
    long untilNanos = heldUntil.get(handle);
    long waitMs = Math.max(0, (untilNanos - nanoClock.getAsLong()) / 1_000_000L);
    if (untilNanos - deadlineNanos > 0) {
      return Errors.of(ErrorCode.UNAVAILABLE, "snapshot of " + sourcePath + ": lease on chunk "
          + ChunkIds.format(handle) + " may still be held by unreachable " + holder.get(handle) + " for "
          + waitMs + " ms, longer than this call may wait; retry then");
    }
    LOG.info("snapshot of {}: waiting {} ms for the lease on {} held by unreachable {} to run out",
        sourcePath, waitMs, ChunkIds.format(handle), holder.get(handle));
    try {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, untilNanos - nanoClock.getAsLong()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.of(ErrorCode.UNAVAILABLE, "snapshot of " + sourcePath + " interrupted while waiting out leases");
    }
    heldUntil.keySet().forEach(table::remove);
    return null;
  }

  /** The lease as sent to a client; an error when its primary is no longer live. */
  private Outcome outcome(ChunkLocation chunk, Lease lease, String clientHost) {
    LeaseInfo info = toInfo(chunk, lease, clientHost);
    if (!info.hasPrimary()) {
      return Outcome.of(Errors.of(ErrorCode.UNAVAILABLE, "primary " + lease.primaryId() + " of chunk "
          + ChunkIds.format(chunk.getHandle()) + " is not live; retry"));
    }
    return new Outcome(info, null, false);
  }

  private LeaseInfo toInfo(ChunkLocation chunk, Lease lease, String clientHost) {
    List<ChunkserverInfo> replicas = cluster.upToDateReplicas(chunk.getHandle(), lease.version(), clientHost);
    LeaseInfo.Builder info = LeaseInfo.newBuilder()
        .setChunk(chunk.toBuilder().setVersion(lease.version()).clearReplicas().addAllReplicas(replicas))
        .setLeaseExpiresEpochMs(System.currentTimeMillis()
            + Math.max(0, (lease.validUntilNanos() - nanoClock.getAsLong()) / 1_000_000L));
    for (ChunkserverInfo replica : replicas) {
      if (replica.getId().equals(lease.primaryId())) {
        info.setPrimary(replica);
      } else {
        info.addSecondaries(replica);
      }
    }
    return info.build();
  }

  private long leaseNanos() {
    return config.leaseDurationMs() * 1_000_000L;
  }

  private long rpcNanos() {
    return config.rpcTimeoutMs() * 1_000_000L;
  }

  private long rpcTimeoutMs() {
    return config.rpcTimeoutMs();
  }

  private static String names(List<ChunkserverInfo> servers) {
    return servers.stream().map(ChunkserverInfo::getId).toList().toString();
  }
}
