package gfs.master.rpc;

import gfs.master.cluster.ClusterState;
import gfs.master.config.MasterConfig;
import gfs.master.lease.LeaseManager;
import gfs.master.namespace.ChunkIds;
import gfs.master.namespace.GfsPath;
import gfs.master.namespace.InvalidPathException;
import gfs.master.namespace.Namespace;
import gfs.master.namespace.OperationLocks;
import gfs.master.namespace.PathLocks;
import gfs.master.namespace.SnapshotCoordinator;
import gfs.master.raft.Proposer;
import gfs.master.statemachine.GfsStateMachine;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.AddChunkOp;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkRecord;
import gfs.proto.CreateOp;
import gfs.proto.CreateRequest;
import gfs.proto.CreateResponse;
import gfs.proto.DeleteOp;
import gfs.proto.DeleteRequest;
import gfs.proto.DeleteResponse;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.FileInfo;
import gfs.proto.FileType;
import gfs.proto.GetChunkLocationsRequest;
import gfs.proto.GetChunkLocationsResponse;
import gfs.proto.GetLeaseRequest;
import gfs.proto.GetLeaseResponse;
import gfs.proto.INode;
import gfs.proto.ListRequest;
import gfs.proto.ListResponse;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.MkdirOp;
import gfs.proto.MkdirRequest;
import gfs.proto.MkdirResponse;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.RenameOp;
import gfs.proto.RenameRequest;
import gfs.proto.RenameResponse;
import gfs.proto.ReportBadReplicaRequest;
import gfs.proto.ReportBadReplicaResponse;
import gfs.proto.RestoreOp;
import gfs.proto.RestoreRequest;
import gfs.proto.RestoreResponse;
import gfs.proto.SetReplicationOp;
import gfs.proto.SetReplicationRequest;
import gfs.proto.SetReplicationResponse;
import gfs.proto.SnapshotOp;
import gfs.proto.SnapshotRequest;
import gfs.proto.SnapshotResponse;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import gfs.rpc.Errors;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client -> master calls: a thin adapter. Mutations are checked against the current state,
 * then logged through the proposer; reads are answered from the local store by the leader
 * (or by any master when the caller allows stale reads).
 */
public final class MasterServiceImpl extends MasterServiceGrpc.MasterServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(MasterServiceImpl.class);
  static final int DEFAULT_LIST_LIMIT = 1000;
  static final int MAX_LIST_LIMIT = 10_000;
  static final int MAX_CHUNKS_PER_LOOKUP = 1000;
  /** Times a lease request follows a chunk that copy-on-write moved to a new handle. */
  static final int MAX_LEASE_LOOKUPS = 3;
  /** Kept from the caller's deadline for the answer to get back in time. */
  static final long REPLY_MARGIN_MS = 500;

  private final MasterConfig config;
  private final MasterStore store;
  private final Namespace namespace;
  private final GfsStateMachine stateMachine;
  private final Proposer proposer;
  private final LeaderCheck leaderCheck;
  private final ClusterState cluster;
  private final LeaseManager leases;
  private final PathLocks pathLocks = new PathLocks();
  private final SnapshotCoordinator snapshots;

  public MasterServiceImpl(MasterConfig config, MasterStore store, GfsStateMachine stateMachine,
      Proposer proposer, LeaderCheck leaderCheck, ClusterState cluster, LeaseManager leases) {
    this.config = config;
    this.store = store;
    this.stateMachine = stateMachine;
    this.namespace = stateMachine.namespace();
    this.proposer = proposer;
    this.leaderCheck = leaderCheck;
    this.cluster = cluster;
    this.leases = leases;
    this.snapshots = new SnapshotCoordinator(store, namespace, leases);
  }

  // ------------------------------------------------------------------ mutations

  @Override
  public void mkdir(MkdirRequest request, StreamObserver<MkdirResponse> observer) {
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setMkdir(MkdirOp.newBuilder().setPath(request.getPath()).setParents(request.getParents())
            .setOwner(owner(request.getOwner())).setMode(request.getMode()));
    mutate("mkdir", op, observer,
        r -> MkdirResponse.newBuilder().setDir(r.getFile()).build(),
        e -> MkdirResponse.newBuilder().setError(e).build());
  }

  @Override
  public void create(CreateRequest request, StreamObserver<CreateResponse> observer) {
    int replication = request.getReplication() == 0 ? config.defaultReplication() : request.getReplication();
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setCreate(CreateOp.newBuilder().setPath(request.getPath()).setReplication(replication)
            .setOwner(owner(request.getOwner())).setMode(request.getMode())
            .setCreateParents(request.getCreateParents()));
    mutate("create", op, observer,
        r -> CreateResponse.newBuilder().setFile(r.getFile().toBuilder().setChunkSize(config.chunkSizeBytes())).build(),
        e -> CreateResponse.newBuilder().setError(e).build());
  }

  /**
   * Deletes a live entry (it moves to the trash), or reclaims a deleted one at once: named
   * by its /.trash path, or by its original path when nothing lives there any more (the
   * leader resolves that to the latest deletion before logging).
   */
  @Override
  public void delete(DeleteRequest request, StreamObserver<DeleteResponse> observer) {
    String path;
    try {
      path = resolveDeleted(request.getPath(), false);
    } catch (InvalidPathException e) {
      Replies.send(observer, DeleteResponse.newBuilder()
          .setError(Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())).build());
      return;
    } catch (RuntimeException e) {
      Replies.fail(observer, "delete", e);
      return;
    }
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setDelete(DeleteOp.newBuilder().setPath(path).setRecursive(request.getRecursive()));
    mutate("delete", op, observer, r -> DeleteResponse.getDefaultInstance(),
        e -> DeleteResponse.newBuilder().setError(e).build());
  }

  /**
   * The path a delete or restore acts on: a /.trash path as given; an original path whose
   * entry is gone (or always, for a restore) as the /.trash path of its latest deletion.
   * Unresolvable paths are returned as given, for the check to name them.
   */
  private String resolveDeleted(String requested, boolean restore) {
    GfsPath path = GfsPath.parse(requested);
    if (path.isInTrash() || path.isRoot()) {
      return requested;
    }
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      if (!restore && namespace.lookup(txn, path) != null) {
        return requested;
      }
      String deletedPath = namespace.findDeleted(txn, path);
      return deletedPath == null ? requested : deletedPath;
    }
  }

  @Override
  public void rename(RenameRequest request, StreamObserver<RenameResponse> observer) {
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setRename(RenameOp.newBuilder().setSource(request.getSource()).setDestination(request.getDestination()));
    mutate("rename", op, observer, r -> RenameResponse.getDefaultInstance(),
        e -> RenameResponse.newBuilder().setError(e).build());
  }

  @Override
  public void setReplication(SetReplicationRequest request, StreamObserver<SetReplicationResponse> observer) {
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setSetReplication(SetReplicationOp.newBuilder().setPath(request.getPath())
            .setReplication(request.getReplication()));
    mutate("setReplication", op, observer, r -> SetReplicationResponse.getDefaultInstance(),
        e -> SetReplicationResponse.newBuilder().setError(e).build());
  }

  /**
   * Snapshot (GFS section 3.4): with write locks on source and destination, revokes every
   * lease on the source's chunks (waiting out unreachable primaries within the call's
   * deadline), then logs SnapshotOp, which shares the chunks with the copy.
   */
  @Override
  public void snapshot(SnapshotRequest request, StreamObserver<SnapshotResponse> observer) {
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setSnapshot(SnapshotOp.newBuilder().setSource(request.getSource())
            .setDestination(request.getDestination()));
    mutate("snapshot", op, observer, r -> SnapshotResponse.getDefaultInstance(),
        e -> SnapshotResponse.newBuilder().setError(e).build(), snapshots::prepare);
  }

  /**
   * Restores a deleted entry named by its /.trash path or by its original path (the latest
   * deletion of it); the logged operation always carries the /.trash path.
   */
  @Override
  public void restore(RestoreRequest request, StreamObserver<RestoreResponse> observer) {
    String deletedPath;
    try {
      deletedPath = resolveDeleted(request.getDeletedPath(), true);
      if (!GfsPath.parse(deletedPath).isInTrash()) {
        Replies.send(observer, RestoreResponse.newBuilder().setError(Errors.of(ErrorCode.NOT_FOUND,
            "nothing deleted from " + deletedPath + " is left to restore")).build());
        return;
      }
      if (!request.getTargetPath().isEmpty()) {
        GfsPath.parse(request.getTargetPath());
      }
    } catch (InvalidPathException e) {
      Replies.send(observer, RestoreResponse.newBuilder()
          .setError(Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())).build());
      return;
    } catch (RuntimeException e) {
      Replies.fail(observer, "restore", e);
      return;
    }
    Operation.Builder op = Operation.newBuilder().setHeader(request.getHeader())
        .setRestore(RestoreOp.newBuilder().setDeletedPath(deletedPath).setTargetPath(request.getTargetPath()));
    mutate("restore", op, observer,
        r -> RestoreResponse.newBuilder().setFile(restoredInfo(r.getFile())).build(),
        e -> RestoreResponse.newBuilder().setError(e).build());
  }

  /** The restored entry as stat shows it (length from chunk reports). */
  private FileInfo restoredInfo(FileInfo applied) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      INode node = namespace.lookup(txn, GfsPath.parse(applied.getPath()));
      return node == null || node.getId() != applied.getInodeId()
          ? applied.toBuilder().setChunkSize(config.chunkSizeBytes()).build()
          : fileInfo(applied.getPath(), node);
    }
  }

  /** Work done before an operation is logged, with its locks held and its check passed. */
  @FunctionalInterface
  interface Preparation {
    /** Null to go on and log op, else the error to answer. */
    Error prepare(Operation op, long deadlineNanos);
  }

  private <T> void mutate(String method, Operation.Builder op, StreamObserver<T> observer,
      Function<OperationResult, T> onSuccess, Function<Error, T> onError) {
    mutate(method, op, observer, onSuccess, onError, (o, deadline) -> null);
  }

  /**
   * Checks op on the leader, logs it, and answers with its own result. The op's namespace
   * locks are held from before the check until it is applied (released by the thread that
   * completes the proposal), so no conflicting operation is checked in between.
   */
  private <T> void mutate(String method, Operation.Builder op, StreamObserver<T> observer,
      Function<OperationResult, T> onSuccess, Function<Error, T> onError, Preparation preparation) {
    PathLocks.Held locks = null;
    try {
      long deadlineNanos = operationDeadlineNanos();
      Error refused = leaderCheck.refuse(false);
      if (refused == null) {
        PathLocks.Request wanted;
        try {
          wanted = OperationLocks.of(op.build(), restoreTarget(op));
        } catch (InvalidPathException e) {
          Replies.send(observer, onError.apply(Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())));
          return;
        }
        try {
          locks = pathLocks.acquire(wanted, lockWaitMs(deadlineNanos));
        } catch (PathLocks.BusyException e) {
          Replies.send(observer, onError.apply(Errors.of(ErrorCode.UNAVAILABLE, e.getMessage())));
          return;
        }
        op.setTimestampMs(System.currentTimeMillis());
        try (Txn<ByteBuffer> txn = store.readTxn()) {
          // A retry of a call already applied gets its first answer, not a fresh check.
          OperationResult previous = stateMachine.previousResult(txn, op.getHeader());
          if (previous != null) {
            Replies.send(observer, Errors.ok(previous.getError()) ? onSuccess.apply(previous)
                : onError.apply(previous.getError()));
            return;
          }
          refused = namespace.check(txn, op.build());
        }
        if (refused == null) {
          refused = preparation.prepare(op.build(), deadlineNanos);
          // The preparation may have waited: the log entry carries the time it is proposed at.
          op.setTimestampMs(System.currentTimeMillis());
        }
      }
      if (refused != null) {
        Replies.send(observer, onError.apply(refused));
        return;
      }
      PathLocks.Held heldUntilApplied = locks;
      locks = null;
      proposer.propose(op.build()).whenComplete((result, error) -> {
        heldUntilApplied.close();
        if (error != null) {
          Replies.fail(observer, method, error);
        } else if (!Errors.ok(result.getError())) {
          Replies.send(observer, onError.apply(result.getError()));
        } else {
          Replies.send(observer, onSuccess.apply(result));
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Replies.send(observer, onError.apply(Errors.of(ErrorCode.UNAVAILABLE, method + " interrupted")));
    } catch (RuntimeException e) {
      Replies.fail(observer, method, e);
    } finally {
      if (locks != null) {
        locks.close();
      }
    }
  }

  /** Where a restore without a target puts the entry (its original path), or null. */
  private String restoreTarget(Operation.Builder op) {
    if (!op.hasRestore() || !op.getRestore().getTargetPath().isEmpty()) {
      return null;
    }
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      INode deleted = namespace.lookup(txn, GfsPath.parse(op.getRestore().getDeletedPath()));
      return deleted == null || deleted.getOriginalPath().isEmpty() ? null : deleted.getOriginalPath();
    }
  }

  /**
   * When the caller stops waiting, less a margin for the answer to reach it; twice the RPC
   * timeout away for a call without a deadline.
   */
  private long operationDeadlineNanos() {
    long now = System.nanoTime();
    Deadline callDeadline = Context.current().getDeadline();
    if (callDeadline == null) {
      return now + TimeUnit.MILLISECONDS.toNanos(config.rpcTimeoutMs() * 2);
    }
    return now + callDeadline.timeRemaining(TimeUnit.NANOSECONDS) - TimeUnit.MILLISECONDS.toNanos(REPLY_MARGIN_MS);
  }

  /** How long to wait for namespace locks: until the deadline, at most the RPC timeout. */
  private long lockWaitMs(long deadlineNanos) {
    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return Math.max(0, Math.min(config.rpcTimeoutMs(), leftMs));
  }

  private static String owner(String requested) {
    return requested == null || requested.isEmpty() ? "gfs" : requested;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> observer) {
    read("list", request.getRead().getAllowStale(), observer, e -> ListResponse.newBuilder().setError(e).build(),
        txn -> {
          GfsPath path = GfsPath.parse(request.getPath());
          INode node = namespace.lookup(txn, path);
          if (node == null) {
            return ListResponse.newBuilder().setError(Errors.of(ErrorCode.NOT_FOUND, path + " does not exist")).build();
          }
          ListResponse.Builder response = ListResponse.newBuilder();
          if (node.getType() == FileType.FILE) {
            return response.addEntries(fileInfo(path.toString(), node)).build();
          }
          int limit = request.getLimit() <= 0 ? DEFAULT_LIST_LIMIT : Math.min(request.getLimit(), MAX_LIST_LIMIT);
          List<INode> children = namespace.children(txn, node.getId(), request.getStartAfter(), limit + 1);
          for (int i = 0; i < Math.min(limit, children.size()); i++) {
            response.addEntries(fileInfo(path.child(children.get(i).getName()), children.get(i)));
          }
          response.setHasMore(children.size() > limit);
          // Deleted entries come once, with the first page: they are not part of the name paging.
          if (request.getIncludeDeleted() && request.getStartAfter().isEmpty()) {
            addDeleted(txn, path, response);
          }
          return response.build();
        });
  }

  /**
   * Deleted entries whose original parent is path, each with the /.trash path that names
   * it for restore and rm. Scans the whole trash (bounded by what retention keeps).
   */
  private void addDeleted(Txn<ByteBuffer> txn, GfsPath path, ListResponse.Builder response) {
    String startAfter = null;
    while (true) {
      List<INode> page = namespace.children(txn, Keys.TRASH_ID, startAfter, DEFAULT_LIST_LIMIT);
      for (INode deleted : page) {
        // fileInfo gives it its original path and its /.trash path (deleted_path).
        if (!deleted.getOriginalPath().isEmpty()
            && GfsPath.parse(deleted.getOriginalPath()).parent().equals(path)) {
          response.addEntries(fileInfo(deleted.getOriginalPath(), deleted));
        }
      }
      if (page.size() < DEFAULT_LIST_LIMIT) {
        return;
      }
      startAfter = page.get(page.size() - 1).getName();
    }
  }

  @Override
  public void stat(StatRequest request, StreamObserver<StatResponse> observer) {
    read("stat", request.getRead().getAllowStale(), observer, e -> StatResponse.newBuilder().setError(e).build(),
        txn -> {
          GfsPath path = GfsPath.parse(request.getPath());
          INode node = namespace.lookup(txn, path);
          if (node == null) {
            return StatResponse.newBuilder().setError(Errors.of(ErrorCode.NOT_FOUND, path + " does not exist")).build();
          }
          return StatResponse.newBuilder().setInfo(fileInfo(path.toString(), node)).build();
        });
  }

  @Override
  public void getChunkLocations(GetChunkLocationsRequest request,
      StreamObserver<GetChunkLocationsResponse> observer) {
    read("getChunkLocations", request.getRead().getAllowStale(), observer,
        e -> GetChunkLocationsResponse.newBuilder().setError(e).build(),
        txn -> {
          GfsPath path = GfsPath.parse(request.getPath());
          INode file = namespace.lookup(txn, path);
          Error notFile = Namespace.checkIsFile(path, file);
          if (notFile != null) {
            return GetChunkLocationsResponse.newBuilder().setError(notFile).build();
          }
          GetChunkLocationsResponse.Builder response = GetChunkLocationsResponse.newBuilder()
              .setFileChunkCount(file.getChunksCount()).setChunkSize(config.chunkSizeBytes());
          long first = Math.max(0, request.getFirstChunkIndex());
          int count = request.getChunkCount() <= 0 ? MAX_CHUNKS_PER_LOOKUP
              : Math.min(request.getChunkCount(), MAX_CHUNKS_PER_LOOKUP);
          for (long index = first; index < file.getChunksCount() && index < first + count; index++) {
            long handle = file.getChunks((int) index);
            ChunkRecord record = namespace.chunk(txn, handle);
            long version = record == null ? 0 : record.getVersion();
            response.addChunks(ChunkLocation.newBuilder().setChunkIndex(index).setHandle(handle)
                .setVersion(version)
                .addAllReplicas(cluster.upToDateReplicas(handle, version, request.getClientHost()))
                .setLengthHint(cluster.lengthHint(handle, version)));
          }
          return response.build();
        });
  }

  @Override
  public void getLease(GetLeaseRequest request, StreamObserver<GetLeaseResponse> observer) {
    try {
      Error refused = leaderCheck.refuse(false);
      if (refused != null) {
        Replies.send(observer, GetLeaseResponse.newBuilder().setError(refused).build());
        return;
      }
      GfsPath path = GfsPath.parse(request.getPath());
      if (path.isInTrash()) {
        Replies.send(observer, GetLeaseResponse.newBuilder().setError(Errors.of(ErrorCode.INVALID_ARGUMENT,
            path + " is deleted: restore it before writing to it")).build());
        return;
      }
      if (inSafeMode()) {
        Replies.send(observer, GetLeaseResponse.newBuilder()
            .setError(Namespace.safeModeError("cannot write to " + path)).build());
        return;
      }
      // Read locks on the file and its directories: a snapshot of any of them waits for
      // this decision, and none starts while a snapshot is being taken.
      try (PathLocks.Held held = pathLocks.acquire(PathLocks.request().read(path),
          lockWaitMs(operationDeadlineNanos()))) {
        Replies.send(observer, lease(path, request));
      }
    } catch (PathLocks.BusyException e) {
      Replies.send(observer, GetLeaseResponse.newBuilder()
          .setError(Errors.of(ErrorCode.UNAVAILABLE, e.getMessage())).build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Replies.send(observer, GetLeaseResponse.newBuilder()
          .setError(Errors.of(ErrorCode.UNAVAILABLE, "lease request interrupted")).build());
    } catch (InvalidPathException e) {
      Replies.send(observer, GetLeaseResponse.newBuilder()
          .setError(Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())).build());
    } catch (RuntimeException e) {
      Replies.fail(observer, "getLease", e);
    }
  }

  private boolean inSafeMode() {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.safeMode(txn).on();
    }
  }

  /** The lease, following the chunk to its new handle when copy-on-write moved it. */
  private GetLeaseResponse lease(GfsPath path, GetLeaseRequest request) {
    Error[] lastRefusal = new Error[1];
    for (int lookup = 0; lookup < MAX_LEASE_LOOKUPS; lookup++) {
      GetLeaseResponse response = leaseOnce(path, request, lastRefusal);
      if (response != null) {
        return response;
      }
    }
    return GetLeaseResponse.newBuilder().setError(Errors.of(ErrorCode.UNAVAILABLE, "chunk "
        + request.getChunkIndex() + " of " + path + " kept moving (copy-on-write) during "
        + MAX_LEASE_LOOKUPS + " lookups; retry"
        + (lastRefusal[0] == null ? "" : " (last refusal: " + lastRefusal[0].getMessage() + ")"))).build();
  }

  /**
   * One lookup and lease decision; null when the chunk moved and must be looked up again
   * (lastRefusal[0] then says why, when a copy-on-write step was refused).
   */
  private GetLeaseResponse leaseOnce(GfsPath path, GetLeaseRequest request, Error[] lastRefusal) {
    INode file;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      file = namespace.lookup(txn, path);
    }
    Error notFile = Namespace.checkIsFile(path, file);
    if (notFile != null) {
      return GetLeaseResponse.newBuilder().setError(notFile).build();
    }
    int chunkCount = file.getChunksCount();
    long index = request.getLastChunk() ? Math.max(0, chunkCount - 1) : request.getChunkIndex();
    boolean create = request.getLastChunk() ? chunkCount == 0 : request.getCreateIfMissing();
    long handle;
    if (index < chunkCount) {
      handle = file.getChunks((int) index);
    } else if (index == chunkCount && create) {
      // AddChunk is idempotent per index, so it needs no retry record.
      Operation add = Operation.newBuilder()
          .setTimestampMs(System.currentTimeMillis())
          .setAddChunk(AddChunkOp.newBuilder().setPath(path.toString()).setChunkIndex(index)).build();
      OperationResult result = proposer.propose(add).join();
      if (!Errors.ok(result.getError())) {
        return GetLeaseResponse.newBuilder().setError(result.getError()).build();
      }
      handle = result.getChunk().getHandle();
    } else {
      return GetLeaseResponse.newBuilder().setError(Errors.of(index > chunkCount
              ? ErrorCode.INVALID_ARGUMENT : ErrorCode.NOT_FOUND,
          "chunk " + index + " of " + path + " does not exist (the file has " + chunkCount + " chunks)")).build();
    }
    LeaseManager.Outcome outcome = leases.lease(path.toString(),
        ChunkLocation.newBuilder().setChunkIndex(index).setHandle(handle).build(),
        file.getReplication(), request.getPrimaryFailed() ? request.getFailedVersion() : LeaseManager.NO_FAILURE,
        request.getClientHost());
    if (outcome.moved()) {
      lastRefusal[0] = outcome.error();
      return null;
    }
    GetLeaseResponse.Builder response = GetLeaseResponse.newBuilder()
        .setChunkSize(config.chunkSizeBytes()).setFileChunkCount(Math.max(chunkCount, index + 1));
    return outcome.error() != null ? response.setError(outcome.error()).build()
        : response.setLease(outcome.lease()).build();
  }

  @Override
  public void reportBadReplica(ReportBadReplicaRequest request, StreamObserver<ReportBadReplicaResponse> observer) {
    var replica = cluster.locations().replicas(request.getHandle()).get(request.getChunkserverId());
    if (replica != null) {
      cluster.locations().update(request.getChunkserverId(), List.of(gfs.proto.ChunkReport.newBuilder()
          .setHandle(request.getHandle()).setVersion(replica.version()).setLength(replica.lengthBytes())
          .setCorrupt(true).build()), List.of());
      LOG.warn("replica of chunk {} on {} reported bad by {}: {}", ChunkIds.format(request.getHandle()),
          request.getChunkserverId(), request.getReporter(), request.getReason());
    }
    Replies.send(observer, ReportBadReplicaResponse.getDefaultInstance());
  }

  /** Runs a read against the local store if this master may answer it. */
  private <T> void read(String method, boolean allowStale, StreamObserver<T> observer,
      Function<Error, T> onError, Function<Txn<ByteBuffer>, T> body) {
    try {
      Error refused = leaderCheck.refuse(allowStale);
      if (refused != null) {
        Replies.send(observer, onError.apply(refused));
        return;
      }
      T response;
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        response = body.apply(txn);
      }
      Replies.send(observer, response);
    } catch (InvalidPathException e) {
      Replies.send(observer, onError.apply(Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())));
    } catch (RuntimeException e) {
      Replies.fail(observer, method, e);
    }
  }

  /** File info with the length as chunk reports tell it: full chunks plus the last one's length. */
  private FileInfo fileInfo(String path, INode node) {
    FileInfo.Builder info = Namespace.info(path, node, config.chunkSizeBytes()).toBuilder();
    if (node.getType() == FileType.FILE && node.getChunksCount() > 0) {
      long last = node.getChunks(node.getChunksCount() - 1);
      info.setLength((node.getChunksCount() - 1) * config.chunkSizeBytes() + cluster.longestReplica(last));
    }
    return info.build();
  }
}
