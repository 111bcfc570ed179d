package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkRecord;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.INode;
import gfs.proto.MasterMeta;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.ReplaceChunkOp;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * Reference counts of chunks shared by snapshots, and the two copy-on-write steps.
 *
 * <p>Invariant: a chunk record's ref_count is the number of file entries (live or deleted)
 * that list its handle, plus one for every pending copy (a record whose copy_from names it).
 * A record leaves the chunk table when its count reaches zero; its replicas are then orphans.
 */
final class ChunkRefs {
  private final MasterStore store;
  private final Namespace namespace;

  ChunkRefs(MasterStore store, Namespace namespace) {
    this.store = store;
    this.namespace = namespace;
  }

  /** One more reference to handle (a snapshot copied a file listing it). */
  void retain(Txn<ByteBuffer> txn, long handle) {
    ChunkRecord record = existing(txn, handle);
    put(txn, record.toBuilder().setRefCount(record.getRefCount() + 1).build());
  }

  /**
   * Drops one reference to handle; at zero the record is deleted, and if it was a pending
   * copy, the reference it held on its source is dropped too (a loop, not recursion).
   * Returns how many chunk records were deleted.
   */
  int release(Txn<ByteBuffer> txn, long handle) {
    int deleted = 0;
    long next = handle;
    while (next != 0) {
      ChunkRecord record = namespace.chunk(txn, next);
      if (record == null) {
        // Not expected; tolerated so that a purge never stops a replica on a missing record.
        return deleted;
      }
      if (record.getRefCount() > 1) {
        put(txn, record.toBuilder().setRefCount(record.getRefCount() - 1).build());
        return deleted;
      }
      store.chunks().delete(txn, Keys.handle(next));
      deleted++;
      next = record.getCopyFrom();
    }
    return deleted;
  }

  // ------------------------------------------------------------------ replace chunk

  Error checkReplace(Txn<ByteBuffer> txn, Operation op) {
    ReplaceChunkOp replace = op.getReplaceChunk();
    GfsPath path = GfsPath.parse(replace.getPath());
    INode file = namespace.lookup(txn, path);
    Error fileError = Namespace.checkIsFile(path, file);
    if (fileError != null) {
      return fileError;
    }
    long index = replace.getChunkIndex();
    if (index < 0 || index >= file.getChunksCount()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "chunk " + index + " of " + path
          + " does not exist (the file has " + file.getChunksCount() + " chunks)");
    }
    long oldHandle = replace.getOldHandle();
    ChunkRecord old = namespace.chunk(txn, oldHandle);
    if (file.getChunks((int) index) != oldHandle || old == null || old.getRefCount() <= 1) {
      // The caller reads this as "already split": look the chunk up again.
      return Errors.of(ErrorCode.STALE_VERSION, "chunk " + index + " (" + ChunkIds.format(oldHandle)
          + ") of " + path + " is no longer shared");
    }
    return null;
  }

  /** Gives the file a new handle at old version + 1 that copies from the old one. */
  OperationResult applyReplace(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    ReplaceChunkOp replace = op.getReplaceChunk();
    GfsPath path = GfsPath.parse(replace.getPath());
    INode file = namespace.lookup(txn, path);
    ChunkRecord old = existing(txn, replace.getOldHandle());
    long handle = meta.getNextChunkHandle();
    meta.setNextChunkHandle(handle + 1);
    ChunkRecord copy = ChunkRecord.newBuilder().setHandle(handle).setVersion(old.getVersion() + 1)
        .setRefCount(1).setCopyFrom(old.getHandle()).build();
    put(txn, copy);
    // The file's reference on the old chunk becomes the pending copy's: old's count is unchanged.
    namespace.putInode(txn, file.toBuilder().setChunks((int) replace.getChunkIndex(), handle).build());
    return OperationResult.newBuilder().setChunk(ChunkLocation.newBuilder()
        .setChunkIndex(replace.getChunkIndex()).setHandle(handle).setVersion(copy.getVersion())).build();
  }

  // ------------------------------------------------------------------ copy done

  /** Always admissible: a copy-done for a missing or finished copy is a harmless retry. */
  Error checkCopyDone(Txn<ByteBuffer> txn, Operation op) {
    return null;
  }

  OperationResult applyCopyDone(Txn<ByteBuffer> txn, Operation op) {
    ChunkRecord record = namespace.chunk(txn, op.getCopyDone().getHandle());
    if (record == null || record.getCopyFrom() == 0) {
      return OperationResult.getDefaultInstance();
    }
    put(txn, record.toBuilder().clearCopyFrom().build());
    release(txn, record.getCopyFrom());
    return OperationResult.newBuilder().setChunk(ChunkLocation.newBuilder()
        .setHandle(record.getHandle()).setVersion(record.getVersion())).build();
  }

  private ChunkRecord existing(Txn<ByteBuffer> txn, long handle) {
    ChunkRecord record = namespace.chunk(txn, handle);
    if (record == null) {
      throw new IllegalStateException("chunk " + ChunkIds.format(handle)
          + " is listed by a file but has no record in the chunk table");
    }
    return record;
  }

  private void put(Txn<ByteBuffer> txn, ChunkRecord record) {
    MasterStore.put(txn, store.chunks(), Keys.handle(record.getHandle()), record);
  }
}
