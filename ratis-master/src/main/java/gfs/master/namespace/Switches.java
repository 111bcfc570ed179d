package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.SwitchRecord;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * The administrators' switches kept in the replicated state (meta keys {@link Keys#SAFE_MODE}
 * and {@link Keys#BALANCER}), so that a new leader keeps them: safe mode (off unless turned on)
 * and the balancer (on unless turned off). Apply writes the record at once, so an operation
 * later in the same log entry is checked against the new setting.
 */
public final class Switches {
  /** A switch as the store holds it; changedAtMs 0 when never set. */
  public record State(boolean on, long changedAtMs) {}

  private final MasterStore store;

  Switches(MasterStore store) {
    this.store = store;
  }

  State safeMode(Txn<ByteBuffer> txn) {
    return read(txn, Keys.SAFE_MODE, false);
  }

  State balancer(Txn<ByteBuffer> txn) {
    return read(txn, Keys.BALANCER, true);
  }

  OperationResult applySafeMode(Txn<ByteBuffer> txn, Operation op) {
    return write(txn, Keys.SAFE_MODE, op.getSafeMode().getOn(), op.getTimestampMs());
  }

  OperationResult applyBalancer(Txn<ByteBuffer> txn, Operation op) {
    return write(txn, Keys.BALANCER, op.getBalancer().getOn(), op.getTimestampMs());
  }

  /**
   * SAFE_MODE for an operation safe mode holds back (namespace changes, new chunks and their
   * placement, version bumps, purges), null for one it lets through (switches, decommissions,
   * finishing a copy).
   */
  Error checkSafeMode(Txn<ByteBuffer> txn, Operation op) {
    String refused = switch (op.getOpCase()) {
      case MKDIR -> "mkdir " + op.getMkdir().getPath();
      case CREATE -> "create " + op.getCreate().getPath();
      case DELETE -> "delete " + op.getDelete().getPath();
      case RENAME -> "rename " + op.getRename().getSource();
      case ADD_CHUNK -> "add a chunk to " + op.getAddChunk().getPath();
      case BUMP_VERSION -> "grant a lease on chunk " + ChunkIds.format(op.getBumpVersion().getHandle());
      case PLACE_CHUNK -> "create chunk " + ChunkIds.format(op.getPlaceChunk().getHandle());
      case SET_REPLICATION -> "set the replication of " + op.getSetReplication().getPath();
      case SNAPSHOT -> "snapshot " + op.getSnapshot().getSource();
      case RESTORE -> "restore " + op.getRestore().getDeletedPath();
      case PURGE -> "purge deleted entries";
      case REPLACE_CHUNK -> "copy-on-write chunk " + op.getReplaceChunk().getChunkIndex() + " of "
          + op.getReplaceChunk().getPath();
      default -> null;
    };
    if (refused == null || !safeMode(txn).on()) {
      return null;
    }
    return safeModeError("cannot " + refused);
  }

  /** The one-line refusal, saying how to leave safe mode. */
  static Error safeModeError(String what) {
    return Errors.of(ErrorCode.SAFE_MODE, what + ": the master is in safe mode (reads only);"
        + " an administrator leaves it with 'gfs admin safemode leave'");
  }

  private State read(Txn<ByteBuffer> txn, String key, boolean defaultOn) {
    SwitchRecord record = MasterStore.get(txn, store.meta(), Keys.text(key), SwitchRecord.parser());
    return record == null ? new State(defaultOn, 0) : new State(record.getOn(), record.getChangedAtMs());
  }

  private OperationResult write(Txn<ByteBuffer> txn, String key, boolean on, long timestampMs) {
    MasterStore.put(txn, store.meta(), Keys.text(key),
        SwitchRecord.newBuilder().setOn(on).setChangedAtMs(timestampMs).build());
    return OperationResult.getDefaultInstance();
  }
}
