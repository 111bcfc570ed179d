package gfs.master.placement;

import gfs.proto.DiskUsage;

/**
 * Whether a chunkserver's disk can take one more chunk: a chunk may grow to the chunk size, so
 * a server with less free space than that is not chosen for a new chunk or a clone (as HDFS
 * passes over a DataNode with less than a block remaining). A server that reports no capacity
 * (none known yet) is not held back.
 */
public final class DiskRoom {
  private DiskRoom() {}

  public static boolean hasRoomFor(DiskUsage disk, long chunkSizeBytes) {
    return disk.getCapacityBytes() <= 0 || disk.getFreeBytes() >= chunkSizeBytes;
  }
}
