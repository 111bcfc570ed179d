package gfs.master.namespace;

import static gfs.master.namespace.NamespaceFixture.create;
import static gfs.master.namespace.NamespaceFixture.delete;
import static gfs.master.namespace.NamespaceFixture.mkdir;
import static gfs.master.namespace.NamespaceFixture.purge;
import static gfs.master.namespace.NamespaceFixture.restore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.DeleteOp;
import gfs.proto.ErrorCode;
import gfs.proto.FileInfo;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.RenameOp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleted entries: named by /.trash paths, restored, and reclaimed with their chunks. */
class NamespaceTrashTest {
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
  void aDeletedFileIsNamedByItsTrashPathAndShownWithIt() {
    List<Long> handles = fx.file("/d/f", 2);
    INode live = fx.lookup("/d/f");
    assertFalse(fx.apply(delete("/d/f")).hasError());
    assertNull(fx.lookup("/d/f"));

    String deletedPath = deletedPathOf("/d/f");
    assertNotNull(deletedPath);
    assertTrue(deletedPath.startsWith("/.trash/"), deletedPath);
    INode deleted = fx.lookup(deletedPath);
    assertEquals(live.getId(), deleted.getId());
    assertEquals(handles, deleted.getChunksList());

    FileInfo info = Namespace.info(deletedPath, deleted, 0);
    assertEquals("/d/f", info.getPath());
    assertEquals(deletedPath, info.getDeletedPath());
    assertTrue(info.getDeletedAtMs() > 0);
    assertEquals(1, fx.read(fx.namespace::deletedEntryCount));
    assertEquals(FileType.DIRECTORY, fx.lookup("/.trash").getType());
  }

  @Test
  void entriesInsideADeletedDirectoryAreAddressable() {
    fx.file("/d/sub/f", 1);
    fx.apply(delete("/d"));
    String deletedDir = deletedPathOf("/d");
    assertEquals(FileType.FILE, fx.lookup(deletedDir + "/sub/f").getType());
    assertNull(deletedPathOf("/d/sub/f"), "only the deleted top entry has an original path");
    FileInfo inner = Namespace.info(deletedDir + "/sub/f", fx.lookup(deletedDir + "/sub/f"), 0);
    assertEquals("", inner.getDeletedPath());
  }

  @Test
  void restoreToTheOriginalPathKeepsTheInodeAndChunks() {
    List<Long> handles = fx.file("/d/f", 3);
    long id = fx.lookup("/d/f").getId();
    fx.apply(delete("/d/f"));
    OperationResult restored = fx.apply(restore(deletedPathOf("/d/f"), ""));
    assertFalse(restored.hasError(), restored.getError().getMessage());
    assertEquals("/d/f", restored.getFile().getPath());
    INode back = fx.lookup("/d/f");
    assertEquals(id, back.getId());
    assertEquals(handles, back.getChunksList());
    assertEquals(0, back.getDeletedAtMs());
    assertEquals("", back.getOriginalPath());
    assertTrue(fx.trashEntries().isEmpty());
  }

  @Test
  void restoreToAnotherPathAndRefusalsNameThePaths() {
    fx.file("/d/f", 1);
    fx.apply(delete("/d/f"));
    String deletedPath = deletedPathOf("/d/f");
    fx.file("/d/f", 0); // a new file took the original path

    OperationResult onto = fx.apply(restore(deletedPath, ""));
    assertEquals(ErrorCode.ALREADY_EXISTS, onto.getError().getCode());
    assertTrue(onto.getError().getMessage().contains("/d/f"), onto.getError().getMessage());

    OperationResult noParent = fx.apply(restore(deletedPath, "/missing/g"));
    assertEquals(ErrorCode.NOT_FOUND, noParent.getError().getCode());
    assertTrue(noParent.getError().getMessage().contains("/missing"), noParent.getError().getMessage());

    OperationResult intoTrash = fx.apply(restore(deletedPath, "/.trash/g"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, intoTrash.getError().getCode());

    OperationResult notDeleted = fx.apply(restore("/d/f", ""));
    assertEquals(ErrorCode.INVALID_ARGUMENT, notDeleted.getError().getCode());

    OperationResult gone = fx.apply(restore("/.trash/1.2.nothing", ""));
    assertEquals(ErrorCode.NOT_FOUND, gone.getError().getCode());
    assertTrue(gone.getError().getMessage().contains("/.trash/1.2.nothing"));

    assertFalse(fx.apply(restore(deletedPath, "/d/g")).hasError());
    assertNotNull(fx.lookup("/d/g"));
    assertNull(fx.lookup(deletedPath));
  }

  @Test
  void findDeletedGivesTheLatestDeletion() {
    fx.file("/f", 0);
    long first = fx.lookup("/f").getId();
    fx.apply(delete("/f"));
    fx.file("/f", 0);
    long second = fx.lookup("/f").getId();
    fx.apply(delete("/f"));
    assertEquals(second, fx.lookup(deletedPathOf("/f")).getId());
    fx.apply(restore(deletedPathOf("/f"), ""));
    assertEquals(first, fx.lookup(deletedPathOf("/f")).getId());
    assertNull(deletedPathOf("/never"));
  }

  @Test
  void deletingADeletedEntryReclaimsItAndItsChunksAtOnce() {
    List<Long> handles = fx.file("/d/a", 2);
    List<Long> more = fx.file("/d/sub/b", 1);
    long inodesBefore = fx.read(fx.namespace::inodeCount);
    fx.apply(delete("/d"));
    assertEquals(inodesBefore, fx.read(fx.namespace::inodeCount), "deleted entries are still inodes");
    String deletedDir = deletedPathOf("/d");

    // Non-recursive rm of a non-empty deleted directory is refused like any other.
    OperationResult refused = fx.apply(Operation.newBuilder().setDelete(DeleteOp.newBuilder().setPath(deletedDir)));
    assertEquals(ErrorCode.DIRECTORY_NOT_EMPTY, refused.getError().getCode());

    assertFalse(fx.apply(delete(deletedDir)).hasError());
    assertNull(fx.lookup(deletedDir));
    assertTrue(fx.trashEntries().isEmpty());
    for (long handle : List.of(handles.get(0), handles.get(1), more.get(0))) {
      assertNull(fx.chunk(handle), "chunk " + ChunkIds.format(handle) + " released");
    }
    assertEquals(0, fx.read(fx.namespace::chunkCount));
    assertEquals(inodesBefore - 4, fx.read(fx.namespace::inodeCount), "/d, /d/a, /d/sub, /d/sub/b gone");
  }

  @Test
  void deleteOfTheTrashAndOfMissingEntriesIsRefused() {
    OperationResult trash = fx.apply(delete("/.trash"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, trash.getError().getCode());
    assertTrue(trash.getError().getMessage().contains("/.trash"));
    assertEquals(ErrorCode.NOT_FOUND, fx.apply(delete("/.trash/9.9.x")).getError().getCode());
  }

  @Test
  void purgeRemovesSubtreesAndSkipsMissingPaths() {
    fx.file("/d/x/y/z/f", 1);
    fx.file("/e", 1);
    fx.apply(delete("/d"));
    fx.apply(delete("/e"));
    String d = deletedPathOf("/d");
    String e = deletedPathOf("/e");
    OperationResult purged = fx.apply(purge(d, "/.trash/1.1.gone", e, d + "/x"));
    assertFalse(purged.hasError(), purged.getError().getMessage());
    assertTrue(fx.trashEntries().isEmpty());
    assertEquals(0, fx.read(fx.namespace::chunkCount));
    assertEquals(0, fx.read(fx.namespace::inodeCount));
    assertFalse(fx.apply(purge(d)).hasError(), "purging again is a no-op");

    assertEquals(ErrorCode.INVALID_ARGUMENT, fx.apply(purge("/live")).getError().getCode());
    assertEquals(ErrorCode.INVALID_ARGUMENT, fx.apply(purge("/.trash")).getError().getCode());
  }

  @Test
  void deletedBeforeSelectsEntriesPastACutoff() {
    fx.file("/old", 1);
    fx.apply(delete("/old"));
    long oldDeletedAt = fx.lookup(deletedPathOf("/old")).getDeletedAtMs();
    fx.file("/new", 1);
    fx.apply(delete("/new"));
    assertEquals(List.of(deletedPathOf("/old")),
        fx.read(txn -> fx.namespace.deletedBefore(txn, oldDeletedAt + 1, 10)));
    assertEquals(2, fx.read(txn -> fx.namespace.deletedBefore(txn, Long.MAX_VALUE, 10)).size());
    assertEquals(1, fx.read(txn -> fx.namespace.deletedBefore(txn, Long.MAX_VALUE, 1)).size());
  }

  @Test
  void purgeOfAWideDeletedDirectoryRemovesEveryEntry() {
    List<Operation.Builder> ops = new java.util.ArrayList<>();
    ops.add(mkdir("/wide/sub"));
    for (int i = 0; i < 2_500; i++) {
      ops.add(create("/wide/f" + i));
      if (i % 500 == 0) {
        ops.add(mkdir("/wide/sub/s" + i));
      }
    }
    fx.applyAll(ops);
    fx.apply(delete("/wide"));
    assertFalse(fx.apply(purge(deletedPathOf("/wide"))).hasError());
    assertEquals(0, fx.read(fx.namespace::inodeCount));
  }

  @Test
  void theTrashIsReservedForNewEntries() {
    fx.file("/f", 0);
    for (Operation.Builder op : List.of(mkdir("/.trash/x"), create("/.trash/x"), create("/.trash"),
        Operation.newBuilder().setRename(RenameOp.newBuilder().setSource("/f").setDestination("/.trash/f")))) {
      OperationResult result = fx.apply(op);
      assertEquals(ErrorCode.INVALID_ARGUMENT, result.getError().getCode(), op.toString());
      assertTrue(result.getError().getMessage().contains("/.trash"), result.getError().getMessage());
    }
    fx.apply(delete("/f"));
    OperationResult renameOut = fx.apply(Operation.newBuilder().setRename(RenameOp.newBuilder()
        .setSource(deletedPathOf("/f")).setDestination("/g")));
    assertEquals(ErrorCode.INVALID_ARGUMENT, renameOut.getError().getCode());
  }
}
