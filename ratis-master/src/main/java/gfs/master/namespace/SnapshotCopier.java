package gfs.master.namespace;

import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.MasterMeta;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.lmdbjava.Txn;

/**
 * Snapshots: copies a file or a directory tree to a new path in one operation. The copies
 * get new inode ids and share the source's chunk handles (each shared chunk's reference
 * count goes up by one); a later write to a shared chunk splits it (ReplaceChunkOp).
 */
final class SnapshotCopier {
  /** Entries (files and directories) one snapshot may copy: it is one log entry. */
  static final int MAX_SNAPSHOT_ENTRIES = 100_000;
  private static final int PAGE = 1000;

  private final Namespace namespace;
  private final ChunkRefs chunkRefs;

  SnapshotCopier(Namespace namespace, ChunkRefs chunkRefs) {
    this.namespace = namespace;
    this.chunkRefs = chunkRefs;
  }

  Error check(Txn<ByteBuffer> txn, Operation op) {
    GfsPath source = GfsPath.parse(op.getSnapshot().getSource());
    GfsPath destination = GfsPath.parse(op.getSnapshot().getDestination());
    if (source.isRoot() || source.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot snapshot " + source
          + (source.isRoot() ? ": snapshot a directory below /" : ": it is a deleted entry (restore it first)"));
    }
    if (destination.isRoot() || destination.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot snapshot " + source + " to " + destination
          + ": " + (destination.isRoot() ? "/ exists" : GfsPath.TRASH + " is reserved for deleted entries"));
    }
    INode node = namespace.lookup(txn, source);
    if (node == null) {
      return Errors.of(ErrorCode.NOT_FOUND, "snapshot source " + source + " does not exist");
    }
    if (destination.isWithin(source)) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot snapshot " + source + " into itself (" + destination + ")");
    }
    Error ancestors = namespace.checkAncestors(txn, destination, false);
    if (ancestors != null) {
      return ancestors;
    }
    if (namespace.lookup(txn, destination) != null) {
      return Errors.of(ErrorCode.ALREADY_EXISTS, "snapshot destination " + destination + " already exists");
    }
    long entries = countUpTo(txn, node, MAX_SNAPSHOT_ENTRIES + 1);
    if (entries > MAX_SNAPSHOT_ENTRIES) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "snapshot of " + source + " refused: it holds more than "
          + MAX_SNAPSHOT_ENTRIES + " files and directories; snapshot its subdirectories one by one");
    }
    return null;
  }

  /** Entries in the tree at top (itself included), counting stops past limit. */
  private long countUpTo(Txn<ByteBuffer> txn, INode top, long limit) {
    long count = 1;
    Deque<Long> directories = new ArrayDeque<>();
    if (top.getType() == FileType.DIRECTORY) {
      directories.push(top.getId());
    }
    while (!directories.isEmpty() && count <= limit) {
      long directoryId = directories.pop();
      String startAfter = null;
      List<INode> page;
      do {
        page = namespace.children(txn, directoryId, startAfter, PAGE);
        for (INode child : page) {
          count++;
          if (child.getType() == FileType.DIRECTORY) {
            directories.push(child.getId());
          }
        }
        startAfter = page.isEmpty() ? null : page.get(page.size() - 1).getName();
      } while (page.size() == PAGE && count <= limit);
    }
    return count;
  }

  OperationResult apply(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    GfsPath source = GfsPath.parse(op.getSnapshot().getSource());
    GfsPath destination = GfsPath.parse(op.getSnapshot().getDestination());
    long timestampMs = op.getTimestampMs();
    INode top = namespace.lookup(txn, source);
    INode destinationParent = namespace.lookup(txn, destination.parent());
    INode topCopy = copy(txn, top, destinationParent.getId(), destination.name(), timestampMs, meta);
    // Pairs (source directory id, its copy's id) still to be copied into.
    Deque<long[]> directories = new ArrayDeque<>();
    if (top.getType() == FileType.DIRECTORY) {
      directories.push(new long[] {top.getId(), topCopy.getId()});
    }
    while (!directories.isEmpty()) {
      long[] pair = directories.pop();
      String startAfter = null;
      List<INode> page;
      do {
        page = namespace.children(txn, pair[0], startAfter, PAGE);
        for (INode child : page) {
          INode childCopy = copy(txn, child, pair[1], child.getName(), timestampMs, meta);
          if (child.getType() == FileType.DIRECTORY) {
            directories.push(new long[] {child.getId(), childCopy.getId()});
          }
        }
        startAfter = page.isEmpty() ? null : page.get(page.size() - 1).getName();
      } while (page.size() == PAGE);
    }
    return OperationResult.newBuilder().setFile(Namespace.info(destination.toString(), topCopy, 0)).build();
  }

  private INode copy(Txn<ByteBuffer> txn, INode node, long parentId, String name, long timestampMs,
      MasterMeta.Builder meta) {
    INode copy = node.toBuilder().setId(namespace.allocateInode(meta)).setParentId(parentId)
        .setName(name).setMtimeMs(timestampMs).build();
    namespace.putInode(txn, copy);
    for (long handle : node.getChunksList()) {
      chunkRefs.retain(txn, handle);
    }
    return copy;
  }
}
