package gfs.master.namespace;

import gfs.proto.Operation;

/**
 * Which namespace locks an operation takes (GFS section 4.1): read locks on the ancestors of
 * every path it names, and a write lock on each leaf it creates, removes, moves or copies.
 * Throws InvalidPathException for a malformed path (the operation is refused anyway).
 */
public final class OperationLocks {
  private OperationLocks() {}

  /**
   * The locks for op. restoreTarget: where a RestoreOp without a target path puts the entry
   * (its original path, looked up by the caller), or null when unknown.
   */
  public static PathLocks.Request of(Operation op, String restoreTarget) {
    PathLocks.Request request = PathLocks.request();
    switch (op.getOpCase()) {
      case MKDIR -> request.write(GfsPath.parse(op.getMkdir().getPath()));
      case CREATE -> request.write(GfsPath.parse(op.getCreate().getPath()));
      case DELETE -> request.write(GfsPath.parse(op.getDelete().getPath()));
      case RENAME -> request.write(GfsPath.parse(op.getRename().getSource()))
          .write(GfsPath.parse(op.getRename().getDestination()));
      case SET_REPLICATION -> request.write(GfsPath.parse(op.getSetReplication().getPath()));
      case SNAPSHOT -> request.write(GfsPath.parse(op.getSnapshot().getSource()))
          .write(GfsPath.parse(op.getSnapshot().getDestination()));
      case RESTORE -> {
        request.write(GfsPath.parse(op.getRestore().getDeletedPath()));
        String target = op.getRestore().getTargetPath().isEmpty() ? restoreTarget
            : op.getRestore().getTargetPath();
        if (target != null && !target.isEmpty()) {
          request.write(GfsPath.parse(target));
        }
      }
      case PURGE -> op.getPurge().getPathsList().forEach(p -> request.write(GfsPath.parse(p)));
      case ADD_CHUNK -> request.read(GfsPath.parse(op.getAddChunk().getPath()));
      case REPLACE_CHUNK -> request.read(GfsPath.parse(op.getReplaceChunk().getPath()));
      default -> { }
    }
    return request;
  }
}
