package gfs.client;

/**
 * Safe mode of the master group: while on, namespace changes and writes are refused, and
 * re-replication, rebalancing and garbage collection stop; reads go on.
 *
 * @param changedAtMs when it was last entered or left (the leader's clock); 0 = never
 */
public record SafeModeStatus(boolean on, long changedAtMs) {}
