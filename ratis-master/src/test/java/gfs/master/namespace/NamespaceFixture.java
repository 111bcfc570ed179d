package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.AddChunkOp;
import gfs.proto.ChunkRecord;
import gfs.proto.CreateOp;
import gfs.proto.DeleteOp;
import gfs.proto.INode;
import gfs.proto.MasterMeta;
import gfs.proto.MkdirOp;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.PurgeOp;
import gfs.proto.RestoreOp;
import gfs.proto.SnapshotOp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.lmdbjava.Txn;

/**
 * A formatted master store in a directory, with operations applied the way the state
 * machine applies them: check and apply in one write transaction that also persists meta.
 */
final class NamespaceFixture implements AutoCloseable {
  final MasterStore store;
  final Namespace namespace;
  private long clockMs = 1_000;

  NamespaceFixture(Path dir) throws IOException {
    store = MasterStore.open(dir, 256L << 20);
    namespace = new Namespace(store);
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      namespace.format(txn, meta);
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
    }
  }

  /** Applies op at the next clock tick (each operation gets a later timestamp). */
  OperationResult apply(Operation.Builder op) {
    clockMs += 10;
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      OperationResult result = namespace.apply(txn, op.setTimestampMs(clockMs).build(), meta);
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
      return result;
    }
  }

  /** Applies many operations in one transaction (one log entry); fails on the first error. */
  void applyAll(Iterable<Operation.Builder> ops) {
    clockMs += 10;
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      for (Operation.Builder op : ops) {
        OperationResult result = namespace.apply(txn, op.setTimestampMs(clockMs).build(), meta);
        if (result.hasError()) {
          throw new AssertionError(result.getError().getMessage());
        }
      }
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
    }
  }

  /** Applies many operations in one transaction (one log entry); returns each result. */
  OperationResult[] applyEach(List<Operation.Builder> ops) {
    clockMs += 10;
    OperationResult[] results = new OperationResult[ops.size()];
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      for (int i = 0; i < ops.size(); i++) {
        results[i] = namespace.apply(txn, ops.get(i).setTimestampMs(clockMs).build(), meta);
      }
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
    }
    return results;
  }

  /** Like the leader before logging: the check alone, on a read transaction. */
  gfs.proto.Error check(Operation.Builder op) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.check(txn, op.setTimestampMs(clockMs).build());
    }
  }

  <T> T read(Function<Txn<ByteBuffer>, T> body) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return body.apply(txn);
    }
  }

  INode lookup(String path) {
    return read(txn -> namespace.lookup(txn, GfsPath.parse(path)));
  }

  ChunkRecord chunk(long handle) {
    return read(txn -> namespace.chunk(txn, handle));
  }

  List<INode> trashEntries() {
    return read(txn -> namespace.children(txn, Keys.TRASH_ID, null, 1000));
  }

  /** Creates a file with the given number of chunks; returns their handles. */
  List<Long> file(String path, int chunks) {
    OperationResult created = apply(Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath(path)
        .setReplication(3).setCreateParents(true)));
    if (created.hasError()) {
      throw new AssertionError(created.getError().getMessage());
    }
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      handles.add(apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath(path)
          .setChunkIndex(i))).getChunk().getHandle());
    }
    return handles;
  }

  static Operation.Builder mkdir(String path) {
    return Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath(path).setParents(true));
  }

  static Operation.Builder create(String path) {
    return Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath(path).setReplication(3));
  }

  static Operation.Builder delete(String path) {
    return Operation.newBuilder().setDelete(DeleteOp.newBuilder().setPath(path).setRecursive(true));
  }

  static Operation.Builder purge(String... paths) {
    return Operation.newBuilder().setPurge(PurgeOp.newBuilder().addAllPaths(List.of(paths)));
  }

  static Operation.Builder restore(String deletedPath, String target) {
    return Operation.newBuilder().setRestore(RestoreOp.newBuilder().setDeletedPath(deletedPath)
        .setTargetPath(target));
  }

  static Operation.Builder snapshot(String source, String destination) {
    return Operation.newBuilder().setSnapshot(SnapshotOp.newBuilder().setSource(source)
        .setDestination(destination));
  }

  @Override
  public void close() {
    store.close();
  }
}
