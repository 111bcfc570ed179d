package gfs.master.statemachine;

import gfs.master.namespace.Namespace;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.ClientCallRecord;
import gfs.proto.LogEntry;
import gfs.proto.LogEntryResult;
import gfs.proto.MasterMeta;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.RequestHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import gfs.rpc.NamedThreads;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.util.LifeCycle;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's replicated state machine: applies each committed log entry (a batch of
 * operations) to the store in one LMDB transaction that also records the applied term and
 * index and, per operation, the result for its client call, so a retried call gets the
 * first answer instead of being applied twice.
 *
 * <p>Entries at or below the store's applied index are skipped: after a restart Ratis may
 * replay entries the store already holds.
 */
public final class GfsStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(GfsStateMachine.class);
  /** How long a client call's result is remembered for retries. */
  static final long CALL_RECORD_RETENTION_MS = 10 * 60_000;
  /** Bound on waiting for a checkpoint copy under way when the peer stops. */
  static final long CHECKPOINT_STOP_WAIT_S = 30;
  /** Every this many entries the expired call records are dropped. */
  static final long CALL_RECORD_SWEEP_EVERY_ENTRIES = 4096;

  private final MasterStore store;
  private final Namespace namespace;
  private final Consumer<Throwable> onFatal;
  private final Checkpoints checkpoints;
  private final long storeMaxBytes;
  private final long checkpointIntervalEntries;
  /** The store's applied index; entries at or below it are already in the store. */
  private volatile long storeAppliedIndex;
  private final LeaderChanges leaderChanges = new LeaderChanges(System::nanoTime);
  private final ExecutorService checkpointer = Executors.newSingleThreadExecutor(
      NamedThreads.factory("master-checkpointer", true));
  private CompletableFuture<SnapshotInfo> checkpointInProgress;

  public GfsStateMachine(MasterStore store, long storeMaxBytes, long checkpointIntervalEntries,
      Consumer<Throwable> onFatal) {
    this.checkpointIntervalEntries = checkpointIntervalEntries;
    this.store = store;
    this.storeMaxBytes = storeMaxBytes;
    this.namespace = new Namespace(store);
    this.onFatal = onFatal;
    this.checkpoints = new Checkpoints(storeMaxBytes);
  }

  public Namespace namespace() {
    return namespace;
  }

  public MasterStore store() {
    return store;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    // RUNNING, so that Ratis can pause this state machine to install a checkpoint.
    getLifeCycle().startAndTransition(() -> load(server, groupId, raftStorage));
  }

  private void load(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    checkpoints.init(raftStorage);
    MasterMeta meta;
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder builder = namespace.meta(txn).toBuilder();
      namespace.format(txn, builder);
      MasterStore.put(txn, store.meta(), Keys.text("state"), builder.build());
      txn.commit();
      meta = builder.build();
    }
    // The store is durable: Ratis replays from the latest checkpoint, apply skips what the
    // store already holds, so a restart costs at most one checkpoint interval of log reads.
    storeAppliedIndex = meta.getAppliedIndex();
    setLastAppliedTermIndex(TermIndex.valueOf(meta.getAppliedTerm(), meta.getAppliedIndex()));
    LOG.info("state machine loaded: applied index {} (term {}), next chunk handle {}, {} inodes, latest checkpoint {}",
        meta.getAppliedIndex(), meta.getAppliedTerm(), meta.getNextChunkHandle(), inodeCount(),
        checkpoints.getLatestSnapshot() == null ? "none" : checkpoints.getLatestSnapshot().getIndex());
  }

  /**
   * Takes a checkpoint now, in the background, while mutations go on; completes with the
   * log index it covers. Log segments behind it become purgeable.
   */
  public CompletableFuture<Long> checkpointNow() {
    CompletableFuture<SnapshotInfo> running;
    synchronized (this) {
      running = checkpointInProgress;
    }
    // A copy that started before this call may predate mutations the caller just made.
    CompletableFuture<Void> previous = running == null ? CompletableFuture.completedFuture(null)
        : running.handle((info, error) -> null);
    return previous.thenCompose(ignored -> startCheckpoint()).thenApply(info -> {
      purgeLogUpTo(info.getIndex());
      return info.getIndex();
    });
  }

  /** Starts a background checkpoint unless one is running; returns the running one. */
  private synchronized CompletableFuture<SnapshotInfo> startCheckpoint() {
    if (checkpointInProgress == null || checkpointInProgress.isDone()) {
      checkpointInProgress = CompletableFuture.supplyAsync(() -> {
        try {
          return checkpoints.take(store);
        } catch (IOException e) {
          LOG.error("checkpoint failed", e);
          throw new java.io.UncheckedIOException(e);
        }
      }, checkpointer);
    }
    return checkpointInProgress;
  }

  /**
   * Drops log segments a checkpoint covers, but none a peer still needs: never beyond the
   * lowest commit index any peer reported, so a lagging peer catches up from the log rather
   * than being sent checkpoint after checkpoint.
   */
  private void purgeLogUpTo(long checkpointIndex) {
    try {
      var division = getServer().get().getDivision(getGroupId());
      long purgeIndex = checkpointIndex;
      for (var commit : division.getCommitInfos()) {
        purgeIndex = Math.min(purgeIndex, commit.getCommitIndex());
      }
      long purged = division.getRaftLog().purge(purgeIndex).get(30, java.util.concurrent.TimeUnit.SECONDS);
      LOG.info("log purged up to index {} behind the checkpoint at {}", purged, checkpointIndex);
    } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      LOG.warn("could not purge the log up to {}: {}", checkpointIndex, e.toString());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Called by Ratis when the log since the last checkpoint is long: starts a checkpoint in
   * the background and returns the newest finished one, so apply never waits for a copy.
   */
  @Override
  public long takeSnapshot() {
    SnapshotInfo latest = checkpoints.getLatestSnapshot();
    // Ratis asks again right after a copy finished (its own count restarts only then): a copy
    // covering most of the interval is recent enough.
    long sinceLatest = getLastAppliedTermIndex().getIndex() - (latest == null ? 0 : latest.getIndex());
    if (latest == null || sinceLatest >= checkpointIntervalEntries / 2) {
      startCheckpoint();
    }
    return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
  }

  @Override
  public Checkpoints getStateMachineStorage() {
    return checkpoints;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return checkpoints.getLatestSnapshot();
  }

  /** Before Ratis installs a checkpoint; apply is stopped until {@link #reinitialize}. */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** After Ratis installed a checkpoint sent by the leader: load it into the store. */
  @Override
  public void reinitialize() throws IOException {
    SnapshotInfo installed = checkpoints.reload();
    if (installed != null && installed.getIndex() > storeAppliedIndex) {
      long startNanos = System.nanoTime();
      store.replaceWith(installed.getFiles().get(0).getPath(), storeMaxBytes);
      storeAppliedIndex = installed.getIndex();
      setLastAppliedTermIndex(installed.getTermIndex());
      LOG.info("installed the leader's checkpoint at log index {} in {} ms", installed.getIndex(),
          (System.nanoTime() - startNanos) / 1_000_000);
    }
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  /** Leader changes as this master sees them (for metrics). */
  public LeaderChanges leaderChanges() {
    return leaderChanges;
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    if (newLeaderId != null) {  // Ratis reports new leaders only; losing one is sampled
      leaderChanges.changed(newLeaderId.toString());
    }
  }

  /** Configuration and no-op entries also move the applied index; never backwards on replay. */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    if (index > getLastAppliedTermIndex().getIndex()) {
      super.notifyTermIndexUpdated(term, index);
    }
  }

  @Override
  public void close() throws IOException {
    checkpointer.shutdownNow();
    try {
      // A copy under way writes into the data directory: it must be over before the store
      // closes and before anyone may remove the directory.
      if (!checkpointer.awaitTermination(CHECKPOINT_STOP_WAIT_S, TimeUnit.SECONDS)) {
        LOG.warn("checkpoint still running {} s after close; the store closes under it", CHECKPOINT_STOP_WAIT_S);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.close();
  }

  /** The result recorded for a client call that was already applied, or null. */
  public OperationResult previousResult(Txn<ByteBuffer> txn, RequestHeader header) {
    if (header.getClientId().isEmpty()) {
      return null;
    }
    ClientCallRecord record = MasterStore.get(txn, store.calls(),
        Keys.call(header.getClientId(), header.getCallId()), ClientCallRecord.parser());
    return record == null ? null : record.getResult();
  }

  private long inodeCount() {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.inodeCount(txn);
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    try {
      LogEntryResult result = apply(entry.getTerm(), entry.getIndex(),
          entry.getStateMachineLogEntry().getLogData());
      return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result.toByteArray())));
    } catch (RuntimeException | Error e) {
      // A valid entry that cannot be applied means this replica would diverge: stop it.
      LOG.error("FATAL: cannot apply log entry {} (term {}); stopping this master", entry.getIndex(),
          entry.getTerm(), e);
      onFatal.accept(e);
      return CompletableFuture.failedFuture(e);
    }
  }

  LogEntryResult apply(long term, long index, ByteString data) {
    LogEntry logEntry;
    try {
      logEntry = LogEntry.parseFrom(data.asReadOnlyByteBuffer());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("log entry " + index + " is not a gfs LogEntry", e);
    }
    LogEntryResult.Builder results = LogEntryResult.newBuilder();
    if (index <= storeAppliedIndex) {
      LOG.debug("skipping log entry {}: already in the store (at {})", index, storeAppliedIndex);
      return results.build();
    }
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      long latestTimestampMs = 0;
      for (Operation op : logEntry.getOperationsList()) {
        results.addResults(applyOnce(txn, op, meta));
        latestTimestampMs = Math.max(latestTimestampMs, op.getTimestampMs());
      }
      if (index % CALL_RECORD_SWEEP_EVERY_ENTRIES == 0) {
        sweepCallRecords(txn, latestTimestampMs - CALL_RECORD_RETENTION_MS);
      }
      meta.setAppliedTerm(term).setAppliedIndex(index);
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
    }
    storeAppliedIndex = index;
    updateLastAppliedTermIndex(term, index);
    return results.build();
  }

  /** Applies op unless its client call was already applied; then returns that first result. */
  private OperationResult applyOnce(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    OperationResult previous = previousResult(txn, op.getHeader());
    if (previous != null) {
      return previous;
    }
    OperationResult result = namespace.apply(txn, op, meta);
    if (!op.getHeader().getClientId().isEmpty()) {
      ByteBuffer callKey = Keys.call(op.getHeader().getClientId(), op.getHeader().getCallId());
      MasterStore.put(txn, store.calls(), callKey, ClientCallRecord.newBuilder()
          .setCallId(op.getHeader().getCallId()).setResult(result)
          .setTimestampMs(op.getTimestampMs()).build());
    }
    return result;
  }

  private void sweepCallRecords(Txn<ByteBuffer> txn, long olderThanMs) {
    List<ByteBuffer> expired = new ArrayList<>();
    try (CursorIterable<ByteBuffer> cursor = store.calls().iterate(txn)) {
      for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
        ClientCallRecord record = MasterStore.parse(entry.val(), ClientCallRecord.parser());
        if (record.getTimestampMs() < olderThanMs) {
          expired.add(MasterStore.copyOf(entry.key()));
        }
      }
    }
    for (ByteBuffer key : expired) {
      store.calls().delete(txn, key);
    }
    if (!expired.isEmpty()) {
      LOG.debug("dropped {} expired client call records", expired.size());
    }
  }
}
