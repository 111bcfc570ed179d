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
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
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
  /** Every this many entries the expired call records are dropped. */
  static final long CALL_RECORD_SWEEP_EVERY_ENTRIES = 4096;

  private final MasterStore store;
  private final Namespace namespace;
  private final Consumer<Throwable> onFatal;
  /**
   * The store's applied position when this peer started. The store is durable state, so to
   * Ratis it is a snapshot taken at that position: it replays only the log after it.
   */
  private volatile SnapshotInfo storePosition;

  public GfsStateMachine(MasterStore store, Consumer<Throwable> onFatal) {
    this.store = store;
    this.namespace = new Namespace(store);
    this.onFatal = onFatal;
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
    super.initialize(server, groupId, raftStorage);
    MasterMeta meta;
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder builder = namespace.meta(txn).toBuilder();
      namespace.format(txn, builder);
      MasterStore.put(txn, store.meta(), Keys.text("state"), builder.build());
      txn.commit();
      meta = builder.build();
    }
    TermIndex applied = TermIndex.valueOf(meta.getAppliedTerm(), meta.getAppliedIndex());
    setLastAppliedTermIndex(applied);
    storePosition = meta.getAppliedIndex() == 0 ? null : new FileListSnapshotInfo(List.of(), applied);
    LOG.info("state machine loaded: applied index {} (term {}), next chunk handle {}, {} inodes",
        meta.getAppliedIndex(), meta.getAppliedTerm(), meta.getNextChunkHandle(), inodeCount());
  }

  /**
   * Takes a checkpoint now, in the background, while mutations go on; completes with the
   * log index it covers. Log segments behind it become purgeable.
   */
  public CompletableFuture<Long> checkpointNow() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("checkpoints: in progress"));
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return storePosition;
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
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      if (index <= meta.getAppliedIndex()) {
        LOG.debug("skipping log entry {}: already applied (store at {})", index, meta.getAppliedIndex());
        updateLastAppliedTermIndex(term, index);
        return results.build();
      }
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
          ByteBuffer key = ByteBuffer.allocateDirect(entry.key().remaining());
          key.put(entry.key().duplicate()).flip();
          expired.add(key);
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
