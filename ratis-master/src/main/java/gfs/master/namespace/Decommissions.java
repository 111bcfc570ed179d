package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.DecommissionOp;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * Chunkservers being drained, kept in the replicated state (meta keys
 * {@code decommission/<id>}) so that a new leader goes on draining them.
 */
final class Decommissions {
  private final MasterStore store;

  Decommissions(MasterStore store) {
    this.store = store;
  }

  Error check(Operation op) {
    if (op.getDecommission().getChunkserverId().isEmpty()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "decommission needs a chunkserver id");
    }
    return null;
  }

  OperationResult apply(Txn<ByteBuffer> txn, Operation op) {
    DecommissionOp decommission = op.getDecommission();
    ByteBuffer key = Keys.decommission(decommission.getChunkserverId());
    if (decommission.getDecommission()) {
      MasterStore.put(txn, store.meta(), key, decommission);
    } else if (store.meta().get(txn, key) != null) {
      store.meta().delete(txn, key);
    }
    return OperationResult.getDefaultInstance();
  }

  /** Ids of the chunkservers being drained, in name order. */
  Set<String> decommissioning(Txn<ByteBuffer> txn) {
    Set<String> ids = new TreeSet<>();
    byte[] prefix = Keys.DECOMMISSION_PREFIX.getBytes(StandardCharsets.UTF_8);
    try (CursorIterable<ByteBuffer> cursor = store.meta().iterate(txn,
        KeyRange.atLeast(Keys.text(Keys.DECOMMISSION_PREFIX)))) {
      for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
        ByteBuffer key = entry.key().duplicate();
        byte[] bytes = new byte[key.remaining()];
        key.get(bytes);
        if (bytes.length < prefix.length
            || !Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length)) {
          break;
        }
        ids.add(new String(bytes, prefix.length, bytes.length - prefix.length, StandardCharsets.UTF_8));
      }
    }
    return ids;
  }
}
