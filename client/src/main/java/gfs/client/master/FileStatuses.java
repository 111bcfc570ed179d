package gfs.client.master;

import gfs.client.FileStatus;
import gfs.proto.FileInfo;
import gfs.proto.FileType;

/** FileInfo (wire) to FileStatus (public API). */
public final class FileStatuses {
  private FileStatuses() {}

  public static FileStatus of(FileInfo info) {
    return new FileStatus(
        info.getPath(),
        info.getType() == FileType.DIRECTORY,
        info.getLength(),
        info.getReplication(),
        info.getOwner(),
        info.getMode(),
        info.getMtimeMs(),
        info.getChunkCount(),
        info.getChunkSize(),
        info.getDeletedAtMs(),
        info.getDeletedPath());
  }
}
