package gfs.master.fsck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.namespace.InvalidPathException;
import gfs.master.namespace.Namespace;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.AddChunkOp;
import gfs.proto.BumpVersionOp;
import gfs.proto.ChunkHealth;
import gfs.proto.ChunkReport;
import gfs.proto.ChunkserverInfo;
import gfs.proto.CreateOp;
import gfs.proto.DiskUsage;
import gfs.proto.ErrorCode;
import gfs.proto.FsckChunk;
import gfs.proto.FsckFile;
import gfs.proto.FsckResponse;
import gfs.proto.MasterMeta;
import gfs.proto.MkdirOp;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.ReplicaState;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Txn;

/**
 * Fsck over a real store and the soft cluster picture: a tree of files, three chunkservers on
 * two racks, one of them dead, one replica corrupt, one stale.
 */
class FsckTest {
  static final long CHUNK = 1 << 20;
  static final long DEAD_AFTER_MS = 10_000;

  @TempDir Path dir;
  MasterStore store;
  Namespace namespace;
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  ClusterState cluster;
  Fsck fsck;
  long clockMs = 1_000;

  @BeforeEach
  void open() throws Exception {
    store = MasterStore.open(dir, 64L << 20);
    namespace = new Namespace(store);
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      namespace.format(txn, meta);
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
    }
    cluster = new ClusterState(new ChunkserverRegistry(DEAD_AFTER_MS, nanos::get), new ChunkLocations(),
        () -> Set.of("cs-3"));
    fsck = new Fsck(store, namespace, cluster, CHUNK);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private OperationResult apply(Operation.Builder op) {
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      MasterMeta.Builder meta = namespace.meta(txn).toBuilder();
      OperationResult result = namespace.apply(txn, op.setTimestampMs(clockMs += 10).build(), meta);
      MasterStore.put(txn, store.meta(), Keys.text("state"), meta.build());
      txn.commit();
      assertFalse(result.hasError(), result.getError().getMessage());
      return result;
    }
  }

  /** A file of chunks handles (allocated in order), each bumped to version 2. */
  private List<Long> file(String path, int replication, int chunks) {
    apply(Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath(path).setReplication(replication)
        .setCreateParents(true)));
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      long handle = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath(path)
          .setChunkIndex(i))).getChunk().getHandle();
      apply(Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(handle).setNewVersion(2)));
      handles.add(handle);
    }
    return handles;
  }

  private void server(String id, String rack) {
    cluster.registry().heartbeat(ChunkserverInfo.newBuilder().setId(id).setHost("h-" + id).setPort(7000)
        .setRack(rack).build(), DiskUsage.getDefaultInstance(), 0, "", 0);
  }

  private void replica(String server, long handle, long version, long length, boolean corrupt) {
    cluster.locations().update(server, List.of(ChunkReport.newBuilder().setHandle(handle).setVersion(version)
        .setLength(length).setCorrupt(corrupt).build()), List.of());
  }

  private void everywhere(long handle, long length, String... servers) {
    for (String server : servers) {
      replica(server, handle, 2, length, false);
    }
  }

  private FsckResponse run(String path, boolean files, boolean chunks, boolean locations, int max) {
    return fsck.run(path, new Fsck.Options(files, chunks, locations, max), () -> true);
  }

  @Test
  void aHealthyTreeListsNoFileUnlessAskedAndCountsEverything() {
    server("cs-1", "r1");
    server("cs-2", "r2");
    List<Long> a = file("/d/a", 2, 2);
    List<Long> b = file("/d/e/b", 2, 1);
    everywhere(a.get(0), CHUNK, "cs-1", "cs-2");
    everywhere(a.get(1), 1000, "cs-1", "cs-2");
    everywhere(b.get(0), 10, "cs-1", "cs-2");
    apply(Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath("/empty")));

    FsckResponse all = run("/", false, false, false, 100);
    assertTrue(all.getHealthy());
    assertEquals(0, all.getFilesCount(), "no problem, nothing listed");
    assertEquals(2, all.getSummary().getFiles());
    assertEquals(4, all.getSummary().getDirectories(), "/, /d, /d/e, /empty");
    assertEquals(3, all.getSummary().getChunks());
    assertEquals(3, all.getSummary().getHealthyChunks());
    assertEquals(CHUNK + 1000 + 10, all.getSummary().getBytes());
    assertEquals(6, all.getSummary().getLiveReplicas());
    assertEquals(6, all.getSummary().getReplicaGoal());
    assertEquals(2, all.getLiveChunkservers());

    FsckResponse listed = run("/d", true, true, false, 100);
    assertEquals(List.of("/d/a", "/d/e/b"), listed.getFilesList().stream().map(FsckFile::getPath).toList());
    assertEquals(CHUNK + 1000, listed.getFiles(0).getLength());
    assertEquals(2, listed.getFiles(0).getChunksCount());
    assertEquals(0, listed.getFiles(0).getChunks(0).getReplicasCount(), "no locations unless asked");
  }

  @Test
  void problemChunksAreListedWithTheirFileAndReplicaStates() {
    server("cs-1", "r1");
    server("cs-2", "r2");
    server("cs-3", "r2");
    List<Long> under = file("/p/under", 3, 2);
    List<Long> lost = file("/p/lost", 1, 1);
    List<Long> bad = file("/p/bad", 2, 1);
    everywhere(under.get(0), 5, "cs-1", "cs-2");
    replica("cs-3", under.get(0), 2, 5, false);                 // decommissioning: not counted
    everywhere(under.get(1), 5, "cs-1", "cs-2");
    replica("cs-3", under.get(1), 1, 5, false);                 // stale
    replica("cs-dead", lost.get(0), 2, 5, false);               // never heard from: dead
    replica("cs-1", bad.get(0), 2, 5, true);                    // corrupt, the only copy

    FsckResponse response = run("/p", false, false, true, 100);
    assertFalse(response.getHealthy(), "missing and corrupt chunks");
    assertEquals(2, response.getSummary().getUnderReplicatedChunks());
    assertEquals(1, response.getSummary().getMissingChunks());
    assertEquals(1, response.getSummary().getCorruptChunks());
    assertEquals(1, response.getSummary().getCorruptReplicas());
    assertEquals(1, response.getSummary().getStaleReplicas());
    assertEquals(1, response.getSummary().getDecommissioningReplicas());
    assertEquals(List.of("/p/bad", "/p/lost", "/p/under"),
        response.getFilesList().stream().map(FsckFile::getPath).toList());
    assertEquals(ChunkHealth.CHUNK_CORRUPT, response.getFiles(0).getHealth());
    assertEquals(ChunkHealth.CHUNK_MISSING, response.getFiles(1).getHealth());
    assertEquals(ReplicaState.REPLICA_DEAD, response.getFiles(1).getChunks(0).getReplicas(0).getState());
    assertEquals("cs-dead", response.getFiles(1).getChunks(0).getReplicas(0).getServer().getId());

    FsckFile underFile = response.getFiles(2);
    assertEquals(ChunkHealth.CHUNK_UNDER_REPLICATED, underFile.getHealth());
    assertEquals(2, underFile.getChunksCount());
    FsckChunk first = underFile.getChunks(0);
    assertEquals(under.get(0), first.getHandle());
    assertEquals(2, first.getLiveReplicas());
    assertEquals(3, first.getGoal());
    assertEquals(List.of("cs-1", "cs-2", "cs-3"), first.getReplicasList().stream()
        .map(r -> r.getServer().getId()).toList());
    assertEquals("r1", first.getReplicas(0).getServer().getRack());
    assertEquals(ReplicaState.REPLICA_DECOMMISSIONING, first.getReplicas(2).getState());
    assertEquals(ReplicaState.REPLICA_STALE, underFile.getChunks(1).getReplicas(2).getState());
  }

  @Test
  void aServerThatStoppedHeartbeatingNoLongerCounts() {
    server("cs-1", "r1");
    server("cs-2", "r2");
    List<Long> f = file("/f", 2, 1);
    everywhere(f.get(0), 5, "cs-1", "cs-2");
    assertTrue(run("/f", false, false, false, 10).getHealthy());
    nanos.addAndGet(DEAD_AFTER_MS * 1_000_000L);
    server("cs-1", "r1");  // still heartbeating
    FsckResponse response = run("/f", false, false, false, 10);
    assertTrue(response.getHealthy(), "under-replicated is not corrupt");
    assertEquals(1, response.getSummary().getUnderReplicatedChunks());
    assertEquals("/f", response.getFiles(0).getPath(), "a file path checks that file");
    assertEquals(1, response.getDeadChunkservers());
  }

  @Test
  void theListingStopsAtMaxEntriesButTheSummaryCountsAll() {
    for (int i = 0; i < 5; i++) {
      file("/lost/f" + i, 1, 1);
      replica("cs-gone", 1 + i, 2, 5, false);
    }
    FsckResponse response = run("/lost", false, false, false, 4);
    assertEquals(5, response.getSummary().getMissingChunks());
    assertEquals(2, response.getFilesCount(), "each file and each of its chunks is one entry");
    assertTrue(response.getTruncated());
    assertFalse(run("/lost", false, false, false, 100).getTruncated());
    assertThrows(IllegalArgumentException.class, () -> new Fsck.Options(false, false, false, 0));
  }

  @Test
  void aPathThatDoesNotExistIsNamed() {
    FsckResponse response = run("/nope", false, false, false, 10);
    assertEquals(ErrorCode.NOT_FOUND, response.getError().getCode());
    assertEquals("fsck: /nope does not exist", response.getError().getMessage());
    assertThrows(InvalidPathException.class, () -> run("relative", false, false, false, 10));
  }
}
