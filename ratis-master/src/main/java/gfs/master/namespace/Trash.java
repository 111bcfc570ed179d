package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.RestoreOp;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden directory of deleted entries: moving into it (delete), out of it (restore) and
 * removing from it for good (purge, which releases the chunks of every removed file).
 *
 * <p>A deleted entry is stored under the trash as {@code <deletedAtMs>.<inodeId>.<name>} and
 * named by the path {@code /.trash/<that name>}; a deleted directory keeps its subtree, so
 * {@code /.trash/<name>/a/b} names an entry inside it.
 */
final class Trash {
  private static final Logger LOG = LoggerFactory.getLogger(Trash.class);
  /** Children removed per cursor pass while purging a directory. */
  private static final int PURGE_PAGE = 1000;

  private final MasterStore store;
  private final Namespace namespace;
  private final ChunkRefs chunkRefs;

  Trash(MasterStore store, Namespace namespace, ChunkRefs chunkRefs) {
    this.store = store;
    this.namespace = namespace;
    this.chunkRefs = chunkRefs;
  }

  static String hiddenName(long deletedAtMs, INode node) {
    return deletedAtMs + "." + node.getId() + "." + node.getName();
  }

  static String deletedPath(INode topLevelEntry) {
    return GfsPath.TRASH.child(topLevelEntry.getName());
  }

  /** The /.trash path of the latest deletion of originalPath, or null when there is none. */
  String findDeleted(Txn<ByteBuffer> txn, GfsPath originalPath) {
    String target = originalPath.toString();
    INode latest = null;
    String startAfter = null;
    while (true) {
      List<INode> page = namespace.children(txn, Keys.TRASH_ID, startAfter, PURGE_PAGE);
      for (INode entry : page) {
        if (entry.getOriginalPath().equals(target) && (latest == null
            || entry.getDeletedAtMs() > latest.getDeletedAtMs()
            || (entry.getDeletedAtMs() == latest.getDeletedAtMs() && entry.getId() > latest.getId()))) {
          latest = entry;
        }
      }
      if (page.size() < PURGE_PAGE) {
        return latest == null ? null : deletedPath(latest);
      }
      startAfter = page.get(page.size() - 1).getName();
    }
  }

  /**
   * The /.trash paths of up to limit deleted entries deleted before cutoffMs (what the
   * collector purges once they are past retention), in trash order. Scans the trash.
   */
  List<String> deletedBefore(Txn<ByteBuffer> txn, long cutoffMs, int limit) {
    List<String> paths = new ArrayList<>();
    String startAfter = null;
    while (paths.size() < limit) {
      List<INode> page = namespace.children(txn, Keys.TRASH_ID, startAfter, PURGE_PAGE);
      for (INode entry : page) {
        if (entry.getDeletedAtMs() < cutoffMs && paths.size() < limit) {
          paths.add(deletedPath(entry));
        }
      }
      if (page.size() < PURGE_PAGE) {
        break;
      }
      startAfter = page.get(page.size() - 1).getName();
    }
    return paths;
  }

  /** Deleted entries awaiting collection (top-level entries of the trash). */
  long entryCount(Txn<ByteBuffer> txn) {
    long count = 0;
    String startAfter = null;
    while (true) {
      List<INode> page = namespace.children(txn, Keys.TRASH_ID, startAfter, PURGE_PAGE);
      count += page.size();
      if (page.size() < PURGE_PAGE) {
        return count;
      }
      startAfter = page.get(page.size() - 1).getName();
    }
  }

  // ------------------------------------------------------------------ delete

  /** Moves the entry at path (outside the trash) into the trash under its hidden name. */
  void moveIn(Txn<ByteBuffer> txn, GfsPath path, long timestampMs) {
    INode node = namespace.lookup(txn, path);
    store.inodes().delete(txn, Keys.inode(node.getParentId(), node.getName()));
    namespace.putInode(txn, node.toBuilder().setParentId(Keys.TRASH_ID)
        .setName(hiddenName(timestampMs, node)).setDeletedAtMs(timestampMs)
        .setOriginalPath(path.toString()).build());
  }

  // ------------------------------------------------------------------ restore

  Error checkRestore(Txn<ByteBuffer> txn, Operation op) {
    RestoreOp restore = op.getRestore();
    GfsPath deleted = GfsPath.parse(restore.getDeletedPath());
    if (!deleted.isInTrash() || deleted.isTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot restore " + deleted
          + ": not a deleted entry (those are named " + GfsPath.TRASH + "/<name>)");
    }
    INode node = namespace.lookup(txn, deleted);
    if (node == null) {
      return Errors.of(ErrorCode.NOT_FOUND, "deleted entry " + deleted
          + " does not exist (restored, or collected after the retention period)");
    }
    GfsPath target = target(restore, node);
    if (target == null) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "restore of " + deleted
          + " needs a target path: it has no original path of its own");
    }
    if (target.isRoot() || target.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot restore " + deleted + " to " + target);
    }
    Error ancestors = namespace.checkAncestors(txn, target, false);
    if (ancestors != null) {
      return Errors.of(ancestors.getCode(), "cannot restore " + deleted + ": " + ancestors.getMessage());
    }
    if (namespace.lookup(txn, target) != null) {
      return Errors.of(ErrorCode.ALREADY_EXISTS, "cannot restore " + deleted + ": " + target
          + " already exists (restore it to another path)");
    }
    return null;
  }

  OperationResult applyRestore(Txn<ByteBuffer> txn, Operation op) {
    GfsPath deleted = GfsPath.parse(op.getRestore().getDeletedPath());
    INode node = namespace.lookup(txn, deleted);
    GfsPath target = target(op.getRestore(), node);
    INode parent = namespace.lookup(txn, target.parent());
    store.inodes().delete(txn, Keys.inode(node.getParentId(), node.getName()));
    INode restored = node.toBuilder().setParentId(parent.getId()).setName(target.name())
        .clearDeletedAtMs().clearOriginalPath().build();
    namespace.putInode(txn, restored);
    LOG.debug("restored {} to {}", deleted, target);
    return OperationResult.newBuilder().setFile(Namespace.info(target.toString(), restored, 0)).build();
  }

  /** The target path of a restore, or null when neither the op nor the entry names one. */
  private static GfsPath target(RestoreOp restore, INode node) {
    if (!restore.getTargetPath().isEmpty()) {
      return GfsPath.parse(restore.getTargetPath());
    }
    return node.getOriginalPath().isEmpty() ? null : GfsPath.parse(node.getOriginalPath());
  }

  // ------------------------------------------------------------------ purge

  Error checkPurge(Txn<ByteBuffer> txn, Operation op) {
    for (String text : op.getPurge().getPathsList()) {
      GfsPath path = GfsPath.parse(text);
      if (!path.isInTrash() || path.isTrash()) {
        return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot purge " + path
            + ": only deleted entries (" + GfsPath.TRASH + "/<name>) are purged");
      }
    }
    return null;
  }

  OperationResult applyPurge(Txn<ByteBuffer> txn, Operation op) {
    for (String text : op.getPurge().getPathsList()) {
      // A path gone already (an rm of the deleted entry raced the collector) is skipped.
      purge(txn, GfsPath.parse(text));
    }
    return OperationResult.getDefaultInstance();
  }

  /**
   * Removes the entry at path (inside the trash) and everything under it, releasing the
   * chunks of every removed file. Iterative: the depth of a deleted tree is not bounded.
   */
  void purge(Txn<ByteBuffer> txn, GfsPath path) {
    INode top = namespace.lookup(txn, path);
    if (top == null) {
      return;
    }
    long entries = 0;
    int chunksDeleted = 0;
    Deque<INode> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      INode node = pending.peek();
      if (node.getType() == FileType.DIRECTORY) {
        // Children first: a page at a time, each removed before the next page is read.
        List<INode> children = namespace.children(txn, node.getId(), null, PURGE_PAGE);
        if (!children.isEmpty()) {
          for (INode child : children) {
            if (child.getType() == FileType.DIRECTORY) {
              pending.push(child);
            } else {
              chunksDeleted += remove(txn, child);
              entries++;
            }
          }
          continue;
        }
      }
      pending.pop();
      chunksDeleted += remove(txn, node);
      entries++;
    }
    LOG.debug("purged {}: {} entries, {} chunk records dropped", path, entries, chunksDeleted);
  }

  /** Deletes one inode record and releases its chunks; returns chunk records deleted. */
  private int remove(Txn<ByteBuffer> txn, INode node) {
    store.inodes().delete(txn, Keys.inode(node.getParentId(), node.getName()));
    int deleted = 0;
    for (long handle : node.getChunksList()) {
      deleted += chunkRefs.release(txn, handle);
    }
    return deleted;
  }
}
