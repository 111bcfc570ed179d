package gfs.master.gc;

import gfs.proto.ChunkRecord;

/**
 * What to do with one replica a chunkserver reported (GFS sections 4.4 and 4.5): keep it,
 * or delete it as an orphan (its chunk is gone from the namespace) or as stale (it missed
 * mutations while its server was down) or as corrupt (it failed a checksum: GFS section 5.2,
 * the master clones a good copy and has the bad one deleted). Pure: the caller supplies what
 * the master knows.
 */
public enum ReplicaVerdict {
  KEEP,
  /** No chunk record and a handle the namespace has already allocated: its chunk was collected. */
  ORPHAN,
  /** Older than the chunk's version while an up-to-date replica lives elsewhere. */
  STALE,
  /** Failed a checksum on its chunkserver while an up-to-date good replica lives elsewhere. */
  CORRUPT;

  /**
   * @param handle the replica's chunk
   * @param reportedVersion the version its chunkserver reported
   * @param corrupt whether its chunkserver (or a client reading it) found a checksum mismatch
   * @param record the chunk's record in the namespace, or null when there is none
   * @param nextChunkHandle the namespace's next unallocated handle: a handle at or above it is
   *     one this master has not heard of yet (a lagging or new leader), never an orphan
   * @param upToDateElsewhere live, uncorrupted replicas at the record's version on other servers
   */
  public static ReplicaVerdict judge(long handle, long reportedVersion, boolean corrupt,
      ChunkRecord record, long nextChunkHandle, int upToDateElsewhere) {
    if (record == null) {
      return handle < nextChunkHandle ? ORPHAN : KEEP;
    }
    // A corrupt replica is never read or cloned from; deleting it frees its server to take a
    // good copy again. Re-replication already counts it as missing, so nothing waits for this.
    // The last copy of anything is kept, corrupt or not: some of its blocks may still be good.
    if (corrupt && upToDateElsewhere > 0) {
      return CORRUPT;
    }
    // A replica ahead of the record holds a grant still being logged: not stale. One behind is
    // deleted only when another copy is up to date, so the last copy of anything is kept.
    if (reportedVersion < record.getVersion() && upToDateElsewhere > 0) {
      return STALE;
    }
    return KEEP;
  }
}
