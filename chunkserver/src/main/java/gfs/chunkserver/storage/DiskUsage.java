package gfs.chunkserver.storage;

/** Capacity and free space of the data directory's filesystem; used = bytes of chunk files. */
public record DiskUsage(long capacityBytes, long usedBytes, long freeBytes) {}
