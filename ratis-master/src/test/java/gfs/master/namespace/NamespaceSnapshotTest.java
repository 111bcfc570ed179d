package gfs.master.namespace;

import static gfs.master.namespace.NamespaceFixture.create;
import static gfs.master.namespace.NamespaceFixture.delete;
import static gfs.master.namespace.NamespaceFixture.mkdir;
import static gfs.master.namespace.NamespaceFixture.purge;
import static gfs.master.namespace.NamespaceFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.ErrorCode;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots copy inodes and share chunks, counted by reference. */
class NamespaceSnapshotTest {
  @TempDir Path dir;
  NamespaceFixture fx;

  @BeforeEach
  void open() throws Exception {
    fx = new NamespaceFixture(dir);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private String deletedPathOf(String originalPath) {
    return fx.read(txn -> fx.namespace.findDeleted(txn, GfsPath.parse(originalPath)));
  }

  @Test
  void aFileSnapshotSharesItsChunks() {
    List<Long> handles = fx.file("/f", 2);
    OperationResult result = fx.apply(snapshot("/f", "/f.snap"));
    assertFalse(result.hasError(), result.getError().getMessage());
    assertEquals("/f.snap", result.getFile().getPath());
    INode copy = fx.lookup("/f.snap");
    assertNotEquals(fx.lookup("/f").getId(), copy.getId());
    assertEquals(handles, copy.getChunksList());
    assertEquals(3, copy.getReplication());
    for (long handle : handles) {
      assertEquals(2, fx.chunk(handle).getRefCount());
    }
  }

  @Test
  void aDirectorySnapshotCopiesTheTreeAndOutlivesItsSource() {
    List<Long> a = fx.file("/src/a", 1);
    List<Long> b = fx.file("/src/x/y/b", 2);
    fx.apply(mkdir("/src/empty"));
    fx.apply(mkdir("/backups"));
    long inodesBefore = fx.read(fx.namespace::inodeCount);
    assertFalse(fx.apply(snapshot("/src", "/backups/s1")).hasError());
    assertEquals(inodesBefore + 6, fx.read(fx.namespace::inodeCount), "src, a, x, y, b, empty copied");

    assertEquals(a, fx.lookup("/backups/s1/a").getChunksList());
    assertEquals(b, fx.lookup("/backups/s1/x/y/b").getChunksList());
    assertEquals(FileType.DIRECTORY, fx.lookup("/backups/s1/empty").getType());
    assertNotEquals(fx.lookup("/src/x/y/b").getId(), fx.lookup("/backups/s1/x/y/b").getId());
    List<Long> all = new ArrayList<>(a);
    all.addAll(b);
    for (long handle : all) {
      assertEquals(2, fx.chunk(handle).getRefCount(), ChunkIds.format(handle));
    }

    fx.apply(delete("/src"));
    for (long handle : all) {
      assertEquals(2, fx.chunk(handle).getRefCount(), "a deleted file still holds its chunks");
    }
    fx.apply(purge(deletedPathOf("/src")));
    for (long handle : all) {
      assertEquals(1, fx.chunk(handle).getRefCount(), ChunkIds.format(handle));
    }
    fx.apply(delete("/backups/s1"));
    fx.apply(delete(deletedPathOf("/backups/s1")));
    for (long handle : all) {
      assertNull(fx.chunk(handle));
    }
  }

  @Test
  void refusalsNameThePaths() {
    fx.file("/d/f", 1);
    fx.file("/other", 0);
    assertRefused(ErrorCode.INVALID_ARGUMENT, snapshot("/d", "/.trash/d"), "/.trash");
    assertRefused(ErrorCode.INVALID_ARGUMENT, snapshot("/d", "/d/inner"), "/d/inner");
    assertRefused(ErrorCode.INVALID_ARGUMENT, snapshot("/d", "/d"), "/d");
    assertRefused(ErrorCode.INVALID_ARGUMENT, snapshot("/", "/all"), "/");
    assertRefused(ErrorCode.ALREADY_EXISTS, snapshot("/d", "/other"), "/other");
    assertRefused(ErrorCode.NOT_FOUND, snapshot("/missing", "/m2"), "/missing");
    assertRefused(ErrorCode.NOT_FOUND, snapshot("/d", "/no/such/dir"), "/no");
    fx.apply(delete("/d"));
    assertRefused(ErrorCode.INVALID_ARGUMENT, snapshot(deletedPathOf("/d"), "/d2"), "/.trash/");
  }

  @Test
  void aSnapshotOverTheEntryLimitIsRefusedInTheCheck() {
    List<Operation.Builder> ops = new ArrayList<>();
    ops.add(mkdir("/big"));
    for (int i = 0; i < Namespace.MAX_SNAPSHOT_ENTRIES; i++) {
      ops.add(create("/big/f" + i));
    }
    fx.applyAll(ops);
    gfs.proto.Error refused = fx.check(snapshot("/big", "/big2"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refused.getCode());
    assertTrue(refused.getMessage().contains("/big") && refused.getMessage().contains("100000"),
        refused.getMessage());
    assertNull(fx.lookup("/big2"));
    fx.apply(delete("/big/f0"));
    assertFalse(fx.apply(snapshot("/big", "/big2")).hasError(), "exactly at the limit is allowed");
    long copyId = fx.lookup("/big2").getId();
    int copied = fx.read(txn -> fx.namespace.children(txn, copyId, null, 200_000).size());
    assertEquals(Namespace.MAX_SNAPSHOT_ENTRIES - 1, copied);
  }

  private void assertRefused(ErrorCode code, Operation.Builder op, String named) {
    OperationResult result = fx.apply(op);
    assertEquals(code, result.getError().getCode(), op.toString());
    assertTrue(result.getError().getMessage().contains(named), result.getError().getMessage());
  }
}
