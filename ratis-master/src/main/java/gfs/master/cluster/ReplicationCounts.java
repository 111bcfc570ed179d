package gfs.master.cluster;

import gfs.master.namespace.Namespace;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkRecord;
import gfs.rpc.NamedThreads;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under-replicated (fewer live up-to-date replicas than the file's goal) and missing (none)
 * chunks, counted by a periodic scan of the namespace on the leader, off the RPC path: cluster
 * status answers with the last count instead of scanning on every call.
 */
public final class ReplicationCounts implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationCounts.class);

  /** The result of one scan. */
  public record Counts(long underReplicated, long missing, long scannedAtMs) {}

  private final MasterStore store;
  private final Namespace namespace;
  private final ClusterState cluster;
  private final BooleanSupplier isLeader;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("master-replication-scan", true));
  private volatile Counts latest = new Counts(0, 0, 0);

  public ReplicationCounts(MasterStore store, Namespace namespace, ClusterState cluster,
      BooleanSupplier isLeader, long intervalMs) {
    this.store = store;
    this.namespace = namespace;
    this.cluster = cluster;
    this.isLeader = isLeader;
    scheduler.scheduleWithFixedDelay(this::scan, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  public Counts latest() {
    return latest;
  }

  private void scan() {
    try {
      if (!isLeader.getAsBoolean()) {
        return;
      }
      long[] counts = new long[2];
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        namespace.forEachFile(txn, file -> {
          for (long handle : file.getChunksList()) {
            ChunkRecord record = namespace.chunk(txn, handle);
            int live = record == null ? 0 : cluster.upToDateReplicas(handle, record.getVersion(), "").size();
            if (live == 0) {
              counts[1]++;
            } else if (live < file.getReplication()) {
              counts[0]++;
            }
          }
        });
      }
      Counts previous = latest;
      latest = new Counts(counts[0], counts[1], System.currentTimeMillis());
      if (previous.missing() != counts[1] || previous.underReplicated() != counts[0]) {
        LOG.info("replication: {} chunks under-replicated, {} missing", counts[0], counts[1]);
      }
    } catch (RuntimeException e) {
      LOG.warn("replication scan failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
