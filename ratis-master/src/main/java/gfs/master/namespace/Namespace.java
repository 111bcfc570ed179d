package gfs.master.namespace;

import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkRecord;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.FileInfo;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.MasterMeta;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * The namespace and chunk table kept in the master store: checks and applies operations.
 *
 * <p>{@link #check} is used twice with the same code: by the leader before an operation is
 * logged (an invalid one never enters the log) and by apply on every peer, because the state
 * may have changed between the two; both outcomes are deterministic functions of the state
 * and the operation, so replicas never diverge. Apply does no I/O besides the store.
 */
public final class Namespace {
  public static final int MAX_REPLICATION = 32;
  /** Entries (files and directories) one snapshot may copy. */
  public static final int MAX_SNAPSHOT_ENTRIES = SnapshotCopier.MAX_SNAPSHOT_ENTRIES;

  private final MasterStore store;
  private final ChunkRefs chunkRefs;
  private final Trash trash;
  private final SnapshotCopier snapshots;
  private final Decommissions decommissions;
  private final Switches switches;

  public Namespace(MasterStore store) {
    this.store = store;
    this.chunkRefs = new ChunkRefs(store, this);
    this.trash = new Trash(store, this, chunkRefs);
    this.snapshots = new SnapshotCopier(this, chunkRefs);
    this.decommissions = new Decommissions(store);
    this.switches = new Switches(store);
  }

  // ------------------------------------------------------------------ reads

  /**
   * The inode at path, or null when some component is missing or not a directory. Paths
   * below /.trash name deleted entries (see {@link Trash}).
   */
  public INode lookup(Txn<ByteBuffer> txn, GfsPath path) {
    List<String> components = path.components();
    INode node = root(txn);
    if (path.isInTrash()) {
      node = trashDirectory(txn);
      components = components.subList(1, components.size());
    }
    for (String name : components) {
      if (node == null || node.getType() != FileType.DIRECTORY) {
        return null;
      }
      node = MasterStore.get(txn, store.inodes(), Keys.inode(node.getId(), name), INode.parser());
    }
    return node;
  }

  private INode trashDirectory(Txn<ByteBuffer> txn) {
    return MasterStore.get(txn, store.inodes(), Keys.inode(Keys.SYSTEM_PARENT_ID, Keys.TRASH_NAME),
        INode.parser());
  }

  /**
   * The /.trash path of the most recent deletion of originalPath (a path outside the trash),
   * or null when nothing deleted from there is left. Scans the trash.
   */
  public String findDeleted(Txn<ByteBuffer> txn, GfsPath originalPath) {
    return trash.findDeleted(txn, originalPath);
  }

  /**
   * /.trash paths of up to limit entries deleted before cutoffMs, for a PurgeOp once they
   * are past retention. Scans the trash.
   */
  public List<String> deletedBefore(Txn<ByteBuffer> txn, long cutoffMs, int limit) {
    return trash.deletedBefore(txn, cutoffMs, limit);
  }

  /** Deleted entries awaiting collection (top-level entries of the trash). Scans the trash. */
  public long deletedEntryCount(Txn<ByteBuffer> txn) {
    return trash.entryCount(txn);
  }

  /** Ids of the chunkservers being drained (DecommissionOp), in name order. */
  public Set<String> decommissioning(Txn<ByteBuffer> txn) {
    return decommissions.decommissioning(txn);
  }

  /** Safe mode (GFS-wide read-only), as the replicated state records it; off unless turned on. */
  public Switches.State safeMode(Txn<ByteBuffer> txn) {
    return switches.safeMode(txn);
  }

  /** Whether rebalancing is switched on at run time (balancer start / stop); on unless turned off. */
  public Switches.State balancer(Txn<ByteBuffer> txn) {
    return switches.balancer(txn);
  }

  /** The SAFE_MODE refusal of what, saying how to leave safe mode. */
  public static Error safeModeError(String what) {
    return Switches.safeModeError(what);
  }

  public INode root(Txn<ByteBuffer> txn) {
    return MasterStore.get(txn, store.inodes(), Keys.inode(Keys.SYSTEM_PARENT_ID, Keys.ROOT_NAME),
        INode.parser());
  }

  /** Children of a directory in name order, after startAfter, at most limit of them. */
  public List<INode> children(Txn<ByteBuffer> txn, long directoryId, String startAfter, int limit) {
    List<INode> result = new ArrayList<>();
    try (CursorIterable<ByteBuffer> cursor = store.inodes().iterate(txn,
        KeyRange.atLeast(Keys.childrenFrom(directoryId, startAfter)))) {
      for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
        if (Keys.parentOf(entry.key()) != directoryId || result.size() >= limit) {
          break;
        }
        result.add(MasterStore.parse(entry.val(), INode.parser()));
      }
    }
    return result;
  }

  public boolean hasChildren(Txn<ByteBuffer> txn, long directoryId) {
    return !children(txn, directoryId, null, 1).isEmpty();
  }

  public ChunkRecord chunk(Txn<ByteBuffer> txn, long handle) {
    return MasterStore.get(txn, store.chunks(), Keys.handle(handle), ChunkRecord.parser());
  }

  public MasterMeta meta(Txn<ByteBuffer> txn) {
    MasterMeta meta = MasterStore.get(txn, store.meta(), Keys.text("state"), MasterMeta.parser());
    return meta == null ? MasterMeta.getDefaultInstance() : meta;
  }

  /**
   * Files and directories, deleted ones awaiting collection included (they still hold
   * chunks); the root and the trash directory are not counted.
   */
  public long inodeCount(Txn<ByteBuffer> txn) {
    return Math.max(0, store.inodes().stat(txn).entries - 2);
  }

  /** Calls visitor with every file (deleted ones included) in key order. */
  public void forEachFile(Txn<ByteBuffer> txn, java.util.function.Consumer<INode> visitor) {
    try (CursorIterable<ByteBuffer> cursor = store.inodes().iterate(txn)) {
      for (CursorIterable.KeyVal<ByteBuffer> entry : cursor) {
        INode node = MasterStore.parse(entry.val(), INode.parser());
        if (node.getType() == FileType.FILE) {
          visitor.accept(node);
        }
      }
    }
  }

  public long chunkCount(Txn<ByteBuffer> txn) {
    return store.chunks().stat(txn).entries;
  }

  /**
   * What a client sees of node at path. A top-level deleted entry is shown at its original
   * path, with the /.trash path that names it for restore and rm in deleted_path.
   */
  public static FileInfo info(String path, INode node, long chunkSizeBytes) {
    FileInfo.Builder info = FileInfo.newBuilder();
    if (node.getParentId() == Keys.TRASH_ID && node.getId() != Keys.TRASH_ID) {
      info.setDeletedPath(Trash.deletedPath(node));
      if (!node.getOriginalPath().isEmpty()) {
        path = node.getOriginalPath();
      }
    }
    return info
        .setPath(path)
        .setType(node.getType())
        .setReplication(node.getReplication())
        .setOwner(node.getOwner())
        .setMode(node.getMode())
        .setMtimeMs(node.getMtimeMs())
        .setChunkCount(node.getChunksCount())
        .setInodeId(node.getId())
        .setChunkSize(chunkSizeBytes)
        .setDeletedAtMs(node.getDeletedAtMs())
        .build();
  }

  // ------------------------------------------------------------------ checks

  /** Why op cannot be applied to the current state, or null when it can. */
  public Error check(Txn<ByteBuffer> txn, Operation op) {
    try {
      Error heldBack = switches.checkSafeMode(txn, op);
      if (heldBack != null) {
        return heldBack;
      }
      return switch (op.getOpCase()) {
        case MKDIR -> checkMkdir(txn, GfsPath.parse(op.getMkdir().getPath()), op.getMkdir().getParents());
        case CREATE -> checkCreate(txn, op);
        case DELETE -> checkDelete(txn, op);
        case RENAME -> checkRename(txn, op);
        case ADD_CHUNK -> checkAddChunk(txn, op);
        case BUMP_VERSION -> checkBumpVersion(txn, op);
        case PLACE_CHUNK -> checkPlaceChunk(txn, op);
        case SET_REPLICATION -> checkSetReplication(txn, op);
        case SNAPSHOT -> snapshots.check(txn, op);
        case RESTORE -> trash.checkRestore(txn, op);
        case PURGE -> trash.checkPurge(txn, op);
        case REPLACE_CHUNK -> chunkRefs.checkReplace(txn, op);
        case COPY_DONE -> chunkRefs.checkCopyDone(txn, op);
        case DECOMMISSION -> decommissions.check(op);
        case SAFE_MODE, BALANCER -> null;
        default -> Errors.of(ErrorCode.INVALID_ARGUMENT,
            "operation " + op.getOpCase() + " is not supported by this master");
      };
    } catch (InvalidPathException e) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
  }

  /** Refuses a new entry at path inside the reserved /.trash. */
  private static Error checkNotInTrash(String what, GfsPath path) {
    if (path.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot " + what + " " + path + ": "
          + GfsPath.TRASH + " is reserved for deleted entries");
    }
    return null;
  }

  /**
   * Checks the directories above path (outside the trash): every one must exist (unless
   * createMissing) and be a directory.
   */
  Error checkAncestors(Txn<ByteBuffer> txn, GfsPath path, boolean createMissing) {
    INode node = root(txn);
    GfsPath parent = path.parent();
    String walked = "";
    for (String name : parent.components()) {
      walked = walked + "/" + name;
      INode next = MasterStore.get(txn, store.inodes(), Keys.inode(node.getId(), name), INode.parser());
      if (next == null) {
        return createMissing ? null
            : Errors.of(ErrorCode.NOT_FOUND, "parent directory " + walked + " of " + path + " does not exist");
      }
      if (next.getType() != FileType.DIRECTORY) {
        return Errors.of(ErrorCode.NOT_A_DIRECTORY, walked + " (in " + path + ") is a file, not a directory");
      }
      node = next;
    }
    return null;
  }

  private Error checkMkdir(Txn<ByteBuffer> txn, GfsPath path, boolean parents) {
    Error reserved = checkNotInTrash("create directory", path);
    if (reserved != null) {
      return reserved;
    }
    Error ancestors = checkAncestors(txn, path, parents);
    if (ancestors != null) {
      return ancestors;
    }
    INode existing = lookup(txn, path);
    if (existing == null) {
      return null;
    }
    if (existing.getType() == FileType.DIRECTORY) {
      return parents ? null : Errors.of(ErrorCode.ALREADY_EXISTS, "directory " + path + " already exists");
    }
    return Errors.of(ErrorCode.ALREADY_EXISTS, path + " already exists and is a file");
  }

  private Error checkCreate(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getCreate().getPath());
    if (path.isRoot()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot create a file at /");
    }
    Error reserved = checkNotInTrash("create", path);
    if (reserved != null) {
      return reserved;
    }
    int replication = op.getCreate().getReplication();
    if (replication < 1 || replication > MAX_REPLICATION) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "replication " + replication + " for " + path
          + " is outside 1.." + MAX_REPLICATION);
    }
    Error ancestors = checkAncestors(txn, path, op.getCreate().getCreateParents());
    if (ancestors != null) {
      return ancestors;
    }
    INode existing = lookup(txn, path);
    if (existing != null) {
      return Errors.of(existing.getType() == FileType.DIRECTORY ? ErrorCode.IS_A_DIRECTORY
          : ErrorCode.ALREADY_EXISTS, path + " already exists"
          + (existing.getType() == FileType.DIRECTORY ? " and is a directory" : ""));
    }
    return null;
  }

  private Error checkDelete(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getDelete().getPath());
    if (path.isRoot()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot delete /");
    }
    if (path.isTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot delete " + path
          + ": delete the entries in it (" + GfsPath.TRASH + "/<name>) one by one");
    }
    INode node = lookup(txn, path);
    if (node == null) {
      return Errors.of(ErrorCode.NOT_FOUND, path + " does not exist");
    }
    if (node.getType() == FileType.DIRECTORY && !op.getDelete().getRecursive()
        && hasChildren(txn, node.getId())) {
      return Errors.of(ErrorCode.DIRECTORY_NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
    }
    return null;
  }

  private Error checkRename(Txn<ByteBuffer> txn, Operation op) {
    GfsPath source = GfsPath.parse(op.getRename().getSource());
    GfsPath destination = GfsPath.parse(op.getRename().getDestination());
    if (source.isRoot() || destination.isRoot()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot rename / or onto /");
    }
    if (source.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot rename " + source
          + ": it is a deleted entry (restore it to a path of your choice instead)");
    }
    Error reserved = checkNotInTrash("rename " + source + " to", destination);
    if (reserved != null) {
      return reserved;
    }
    if (lookup(txn, source) == null) {
      return Errors.of(ErrorCode.NOT_FOUND, source + " does not exist");
    }
    if (destination.isWithin(source)) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot move " + source + " into itself (" + destination + ")");
    }
    Error ancestors = checkAncestors(txn, destination, false);
    if (ancestors != null) {
      return ancestors;
    }
    if (lookup(txn, destination) != null) {
      return Errors.of(ErrorCode.ALREADY_EXISTS, "destination " + destination + " already exists");
    }
    return null;
  }

  private Error checkAddChunk(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getAddChunk().getPath());
    if (path.isInTrash()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot add a chunk to " + path
          + ": it is a deleted entry (restore it first)");
    }
    INode file = lookup(txn, path);
    Error fileError = checkIsFile(path, file);
    if (fileError != null) {
      return fileError;
    }
    long index = op.getAddChunk().getChunkIndex();
    if (index < 0 || index > file.getChunksCount()) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "cannot add chunk " + index + " to " + path
          + " which has " + file.getChunksCount() + " chunks");
    }
    return null;
  }

  private Error checkBumpVersion(Txn<ByteBuffer> txn, Operation op) {
    long handle = op.getBumpVersion().getHandle();
    ChunkRecord record = chunk(txn, handle);
    if (record == null) {
      return Errors.of(ErrorCode.NOT_FOUND, "chunk " + ChunkIds.format(handle) + " does not exist");
    }
    if (op.getBumpVersion().getNewVersion() <= record.getVersion()) {
      return Errors.of(ErrorCode.STALE_VERSION, "chunk " + ChunkIds.format(handle) + " is already at version "
          + record.getVersion() + ", not below " + op.getBumpVersion().getNewVersion());
    }
    return null;
  }

  /** Only a chunk's first lease creates it: at version 1, not a copy-on-write target. */
  private Error checkPlaceChunk(Txn<ByteBuffer> txn, Operation op) {
    long handle = op.getPlaceChunk().getHandle();
    ChunkRecord record = chunk(txn, handle);
    if (record == null) {
      return Errors.of(ErrorCode.NOT_FOUND, "chunk " + ChunkIds.format(handle) + " does not exist");
    }
    if (record.getVersion() != 1 || record.getCopyFrom() != 0) {
      return Errors.of(ErrorCode.STALE_VERSION, "chunk " + ChunkIds.format(handle) + " is at version "
          + record.getVersion() + (record.getCopyFrom() != 0 ? ", a copy under way" : "")
          + ": only a new chunk (version 1) is placed");
    }
    return null;
  }

  private Error checkSetReplication(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getSetReplication().getPath());
    Error fileError = checkIsFile(path, lookup(txn, path));
    if (fileError != null) {
      return fileError;
    }
    int replication = op.getSetReplication().getReplication();
    if (replication < 1 || replication > MAX_REPLICATION) {
      return Errors.of(ErrorCode.INVALID_ARGUMENT, "replication " + replication + " for " + path
          + " is outside 1.." + MAX_REPLICATION);
    }
    return null;
  }

  public static Error checkIsFile(GfsPath path, INode node) {
    if (node == null) {
      return Errors.of(ErrorCode.NOT_FOUND, path + " does not exist");
    }
    if (node.getType() == FileType.DIRECTORY) {
      return Errors.of(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    return null;
  }

  // ------------------------------------------------------------------ apply

  /**
   * Applies one operation inside the caller's write transaction, updating meta (the caller
   * persists it). Returns the result sent back to the proposer.
   */
  public OperationResult apply(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    Error error = check(txn, op);
    if (error != null) {
      return OperationResult.newBuilder().setError(error).build();
    }
    return switch (op.getOpCase()) {
      case MKDIR -> applyMkdir(txn, op, meta);
      case CREATE -> applyCreate(txn, op, meta);
      case DELETE -> applyDelete(txn, op);
      case RENAME -> applyRename(txn, op);
      case ADD_CHUNK -> applyAddChunk(txn, op, meta);
      case BUMP_VERSION -> applyBumpVersion(txn, op);
      case PLACE_CHUNK -> applyPlaceChunk(txn, op);
      case SET_REPLICATION -> applySetReplication(txn, op);
      case SNAPSHOT -> snapshots.apply(txn, op, meta);
      case RESTORE -> trash.applyRestore(txn, op);
      case PURGE -> trash.applyPurge(txn, op);
      case REPLACE_CHUNK -> chunkRefs.applyReplace(txn, op, meta);
      case COPY_DONE -> chunkRefs.applyCopyDone(txn, op);
      case DECOMMISSION -> decommissions.apply(txn, op);
      case SAFE_MODE -> switches.applySafeMode(txn, op);
      case BALANCER -> switches.applyBalancer(txn, op);
      default -> throw new IllegalStateException("check admitted unsupported operation " + op.getOpCase());
    };
  }

  /** Creates the root and the trash in an empty store. */
  public void format(Txn<ByteBuffer> txn, MasterMeta.Builder meta) {
    if (root(txn) != null) {
      return;
    }
    putInode(txn, INode.newBuilder().setId(Keys.ROOT_ID).setParentId(Keys.SYSTEM_PARENT_ID)
        .setName(Keys.ROOT_NAME).setType(FileType.DIRECTORY).setOwner("root").setMode(0755).build());
    putInode(txn, INode.newBuilder().setId(Keys.TRASH_ID).setParentId(Keys.SYSTEM_PARENT_ID)
        .setName(Keys.TRASH_NAME).setType(FileType.DIRECTORY).setOwner("root").setMode(0700).build());
    meta.setNextInodeId(Keys.TRASH_ID + 1).setNextChunkHandle(1).setFormatVersion(1);
  }

  private OperationResult applyMkdir(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    GfsPath path = GfsPath.parse(op.getMkdir().getPath());
    INode node = ensureDirectories(txn, path, op.getMkdir().getOwner(), op.getMkdir().getMode(),
        op.getTimestampMs(), meta);
    return OperationResult.newBuilder().setFile(info(path.toString(), node, 0)).build();
  }

  /** Walks path creating every missing directory; returns the last one. */
  private INode ensureDirectories(Txn<ByteBuffer> txn, GfsPath path, String owner, int mode,
      long timestampMs, MasterMeta.Builder meta) {
    INode node = root(txn);
    for (String name : path.components()) {
      INode next = MasterStore.get(txn, store.inodes(), Keys.inode(node.getId(), name), INode.parser());
      if (next == null) {
        next = INode.newBuilder().setId(allocateInode(meta)).setParentId(node.getId()).setName(name)
            .setType(FileType.DIRECTORY).setOwner(owner).setMode(mode == 0 ? 0755 : mode)
            .setMtimeMs(timestampMs).build();
        putInode(txn, next);
      }
      node = next;
    }
    return node;
  }

  private OperationResult applyCreate(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    GfsPath path = GfsPath.parse(op.getCreate().getPath());
    INode parent = ensureDirectories(txn, path.parent(), op.getCreate().getOwner(), 0,
        op.getTimestampMs(), meta);
    INode file = INode.newBuilder().setId(allocateInode(meta)).setParentId(parent.getId())
        .setName(path.name()).setType(FileType.FILE).setReplication(op.getCreate().getReplication())
        .setOwner(op.getCreate().getOwner()).setMode(op.getCreate().getMode() == 0 ? 0644 : op.getCreate().getMode())
        .setMtimeMs(op.getTimestampMs()).build();
    putInode(txn, file);
    return OperationResult.newBuilder().setFile(info(path.toString(), file, 0)).build();
  }

  /**
   * Moves the entry into the trash under a name carrying the deletion time; an entry already
   * in the trash is removed for good at once, its chunks released.
   */
  private OperationResult applyDelete(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getDelete().getPath());
    if (path.isInTrash()) {
      trash.purge(txn, path);
    } else {
      trash.moveIn(txn, path, op.getTimestampMs());
    }
    return OperationResult.getDefaultInstance();
  }

  private OperationResult applyRename(Txn<ByteBuffer> txn, Operation op) {
    GfsPath source = GfsPath.parse(op.getRename().getSource());
    GfsPath destination = GfsPath.parse(op.getRename().getDestination());
    INode node = lookup(txn, source);
    INode newParent = lookup(txn, destination.parent());
    store.inodes().delete(txn, Keys.inode(node.getParentId(), node.getName()));
    putInode(txn, node.toBuilder().setParentId(newParent.getId()).setName(destination.name())
        .setMtimeMs(op.getTimestampMs()).build());
    return OperationResult.getDefaultInstance();
  }

  private OperationResult applyAddChunk(Txn<ByteBuffer> txn, Operation op, MasterMeta.Builder meta) {
    GfsPath path = GfsPath.parse(op.getAddChunk().getPath());
    INode file = lookup(txn, path);
    int index = (int) op.getAddChunk().getChunkIndex();
    long handle;
    if (index < file.getChunksCount()) {
      handle = file.getChunks(index);
    } else {
      handle = meta.getNextChunkHandle();
      meta.setNextChunkHandle(handle + 1);
      MasterStore.put(txn, store.chunks(), Keys.handle(handle),
          ChunkRecord.newBuilder().setHandle(handle).setVersion(1).setRefCount(1).build());
      putInode(txn, file.toBuilder().addChunks(handle).setMtimeMs(op.getTimestampMs()).build());
    }
    ChunkRecord record = chunk(txn, handle);
    return OperationResult.newBuilder().setChunk(ChunkLocation.newBuilder()
        .setChunkIndex(index).setHandle(handle).setVersion(record.getVersion())).build();
  }

  private OperationResult applyBumpVersion(Txn<ByteBuffer> txn, Operation op) {
    long handle = op.getBumpVersion().getHandle();
    ChunkRecord record = chunk(txn, handle).toBuilder().setVersion(op.getBumpVersion().getNewVersion()).build();
    MasterStore.put(txn, store.chunks(), Keys.handle(handle), record);
    return OperationResult.newBuilder().setChunk(ChunkLocation.newBuilder()
        .setHandle(handle).setVersion(record.getVersion())).build();
  }

  private OperationResult applyPlaceChunk(Txn<ByteBuffer> txn, Operation op) {
    long handle = op.getPlaceChunk().getHandle();
    ChunkRecord record = chunk(txn, handle).toBuilder().clearPlacedOn()
        .addAllPlacedOn(op.getPlaceChunk().getServersList()).setPlacedAtMs(op.getTimestampMs()).build();
    MasterStore.put(txn, store.chunks(), Keys.handle(handle), record);
    return OperationResult.newBuilder().setChunk(ChunkLocation.newBuilder()
        .setHandle(handle).setVersion(record.getVersion())).build();
  }

  private OperationResult applySetReplication(Txn<ByteBuffer> txn, Operation op) {
    GfsPath path = GfsPath.parse(op.getSetReplication().getPath());
    INode file = lookup(txn, path);
    putInode(txn, file.toBuilder().setReplication(op.getSetReplication().getReplication()).build());
    return OperationResult.getDefaultInstance();
  }

  long allocateInode(MasterMeta.Builder meta) {
    long id = meta.getNextInodeId();
    meta.setNextInodeId(id + 1);
    return id;
  }

  void putInode(Txn<ByteBuffer> txn, INode node) {
    MasterStore.put(txn, store.inodes(), Keys.inode(node.getParentId(), node.getName()), node);
  }
}
