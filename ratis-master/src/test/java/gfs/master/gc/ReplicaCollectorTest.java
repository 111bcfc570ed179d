package gfs.master.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.cluster.CommandQueue;
import gfs.master.namespace.Namespace;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkserverInfo;
import gfs.proto.DiskUsage;
import gfs.proto.MasterMeta;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Txn;

/** What `gfs admin gc status` counts: deletes sent, then seen done, and the bytes they freed. */
class ReplicaCollectorTest {
  static final long REQUEUE_AFTER_MS = 5_000;

  @TempDir Path dir;
  MasterStore store;
  final AtomicLong nanos = new AtomicLong(1);
  ClusterState cluster;
  CommandQueue commands = new CommandQueue(100);
  ReplicaCollector collector;

  @BeforeEach
  void open() throws Exception {
    store = MasterStore.open(dir, 64L << 20);
    Namespace namespace = new Namespace(store);
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      namespace.format(txn, meta);
      // Handles below 10 were allocated and have no record any more: their replicas are orphans.
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.setNextChunkHandle(10).build());
      txn.commit();
    }
    cluster = new ClusterState(new ChunkserverRegistry(60_000, nanos::get), new ChunkLocations());
    collector = new ReplicaCollector(store, namespace, cluster, commands, 0, REQUEUE_AFTER_MS);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void report(String server, long handle, long length) {
    cluster.registry().heartbeat(ChunkserverInfo.newBuilder().setId(server).build(),
        DiskUsage.getDefaultInstance(), 0, "", 0);
    cluster.locations().update(server, List.of(ChunkReport.newBuilder().setHandle(handle).setVersion(1)
        .setLength(length).build()), List.of());
  }

  @Test
  void aDeleteIsPendingUntilTheServerStopsReportingTheReplicaThenCountsItsBytes() {
    report("cs-1", 3, 1000);
    report("cs-2", 4, 500);
    assertEquals(2, collector.collect(1_000));
    assertEquals(new ReplicaCollector.Stats(2, 0, 0, 0, 0), collector.stats());
    assertEquals(2, commands.size("cs-1") + commands.size("cs-2"));

    cluster.locations().update("cs-1", List.of(), List.of(3L));  // cs-1 deleted it and said so
    assertEquals(0, collector.collect(2_000), "cs-2's delete is not sent twice");
    assertEquals(new ReplicaCollector.Stats(1, 0, 0, 1, 1000), collector.stats());

    assertEquals(1, collector.collect(2_000 + REQUEUE_AFTER_MS), "not done in time: named again");
    collector.reset();
    assertEquals(new ReplicaCollector.Stats(0, 0, 0, 0, 0), collector.stats());
  }
}
