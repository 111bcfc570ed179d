package gfs.client;

/**
 * What the master leader's garbage collection has waiting and has done since it leads
 * (`gfs admin gc status`); trash figures are its last scan's.
 *
 * @param lastScanAtMs 0 when no scan ran since this master leads
 * @param nextExpiryAtMs when the oldest trash entry passes retention (in the past when overdue); 0 = none
 * @param pendingOrphanReplicas deletes of orphaned replicas sent, not yet reported done
 * @param deletedReplicas deletes reported done since this master leads
 * @param reclaimedBytes what those replicas held
 * @param paused safe mode: nothing is purged or deleted
 */
public record GcStatus(long retentionMs, long scanIntervalMs, long leaderSinceMs, long lastScanAtMs,
    long trashEntries, long nextExpiryAtMs, long purgedEntries, long pendingOrphanReplicas,
    long pendingStaleReplicas, long pendingCorruptReplicas, long deletedReplicas, long reclaimedBytes,
    boolean paused) {}
