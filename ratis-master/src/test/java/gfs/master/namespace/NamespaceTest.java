package gfs.master.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.store.MasterStore;
import gfs.proto.AddChunkOp;
import gfs.proto.BumpVersionOp;
import gfs.proto.ChunkRecord;
import gfs.proto.CreateOp;
import gfs.proto.DeleteOp;
import gfs.proto.ErrorCode;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.MasterMeta;
import gfs.proto.MkdirOp;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.PlaceChunkOp;
import gfs.proto.RenameOp;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Txn;

class NamespaceTest {
  @TempDir Path dir;
  MasterStore store;
  Namespace namespace;
  MasterMeta.Builder meta = MasterMeta.newBuilder();

  @BeforeEach
  void open() throws Exception {
    store = MasterStore.open(dir, 64L << 20);
    namespace = new Namespace(store);
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      namespace.format(txn, meta);
      txn.commit();
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  private OperationResult apply(Operation.Builder op) {
    try (Txn<ByteBuffer> txn = store.writeTxn()) {
      OperationResult result = namespace.apply(txn, op.setTimestampMs(1000).build(), meta);
      txn.commit();
      return result;
    }
  }

  private INode lookup(String path) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.lookup(txn, GfsPath.parse(path));
    }
  }

  private static Operation.Builder mkdir(String path, boolean parents) {
    return Operation.newBuilder().setMkdir(MkdirOp.newBuilder().setPath(path).setParents(parents));
  }

  private static Operation.Builder create(String path) {
    return Operation.newBuilder().setCreate(CreateOp.newBuilder().setPath(path).setReplication(3));
  }

  @Test
  void mkdirWithParentsCreatesEveryMissingDirectory() {
    assertFalse(apply(mkdir("/a/b/c", true)).hasError());
    assertEquals(FileType.DIRECTORY, lookup("/a/b").getType());
    assertEquals(FileType.DIRECTORY, lookup("/a/b/c").getType());
    assertFalse(apply(mkdir("/a/b/c", true)).hasError(), "mkdir -p of an existing directory succeeds");
  }

  @Test
  void mkdirWithoutParentsNamesTheMissingParent() {
    OperationResult result = apply(mkdir("/x/y", false));
    assertEquals(ErrorCode.NOT_FOUND, result.getError().getCode());
    assertTrue(result.getError().getMessage().contains("/x"), result.getError().getMessage());
    assertNull(lookup("/x"));
  }

  @Test
  void createRefusesExistingPathsAndFileParents() {
    assertFalse(apply(create("/f")).hasError());
    assertEquals(ErrorCode.ALREADY_EXISTS, apply(create("/f")).getError().getCode());
    assertEquals(ErrorCode.NOT_A_DIRECTORY, apply(create("/f/g")).getError().getCode());
    apply(mkdir("/d", false));
    assertEquals(ErrorCode.IS_A_DIRECTORY, apply(create("/d")).getError().getCode());
  }

  @Test
  void listReturnsChildrenInNameOrderWithPaging() {
    apply(mkdir("/dir", false));
    for (String name : List.of("b", "a", "c", "aa")) {
      apply(create("/dir/" + name));
    }
    apply(create("/dirx"));
    long dirId = lookup("/dir").getId();
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      assertEquals(List.of("a", "aa", "b", "c"),
          namespace.children(txn, dirId, null, 100).stream().map(INode::getName).toList());
      assertEquals(List.of("b", "c"),
          namespace.children(txn, dirId, "aa", 100).stream().map(INode::getName).toList());
    }
  }

  @Test
  void deleteMovesToTheTrashAndNonEmptyDirectoriesNeedRecursive() {
    apply(mkdir("/d", false));
    apply(create("/d/f"));
    OperationResult refused = apply(Operation.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/d")));
    assertEquals(ErrorCode.DIRECTORY_NOT_EMPTY, refused.getError().getCode());
    assertFalse(apply(Operation.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/d").setRecursive(true))).hasError());
    assertNull(lookup("/d"));
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      List<INode> trash = namespace.children(txn, gfs.master.store.Keys.TRASH_ID, null, 10);
      assertEquals(1, trash.size());
      assertEquals("/d", trash.get(0).getOriginalPath());
      assertEquals(1000, trash.get(0).getDeletedAtMs());
    }
  }

  @Test
  void renameMovesSubtreesAndRefusesMovesIntoThemselves() {
    apply(mkdir("/a/b", true));
    apply(create("/a/b/f"));
    assertFalse(apply(Operation.newBuilder().setRename(RenameOp.newBuilder().setSource("/a").setDestination("/z"))).hasError());
    assertNotNull(lookup("/z/b/f"));
    assertNull(lookup("/a"));
    OperationResult into = apply(Operation.newBuilder().setRename(RenameOp.newBuilder().setSource("/z").setDestination("/z/b/q")));
    assertEquals(ErrorCode.INVALID_ARGUMENT, into.getError().getCode());
  }

  @Test
  void addChunkAllocatesHandlesInOrderAndIsIdempotentPerIndex() {
    apply(create("/f"));
    OperationResult first = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f").setChunkIndex(0)));
    OperationResult again = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f").setChunkIndex(0)));
    OperationResult second = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f").setChunkIndex(1)));
    assertEquals(first.getChunk().getHandle(), again.getChunk().getHandle());
    assertEquals(first.getChunk().getHandle() + 1, second.getChunk().getHandle());
    assertEquals(1, first.getChunk().getVersion());
    OperationResult gap = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f").setChunkIndex(5)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, gap.getError().getCode());
    assertEquals(2, lookup("/f").getChunksCount());
  }

  @Test
  void versionsOnlyGoUp() {
    apply(create("/f"));
    long handle = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f"))).getChunk().getHandle();
    assertFalse(apply(Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(handle).setNewVersion(2))).hasError());
    OperationResult down = apply(Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(handle).setNewVersion(2)));
    assertEquals(ErrorCode.STALE_VERSION, down.getError().getCode());
  }

  @Test
  void aNewChunksPlacementIsRecordedUntilItsFirstGrantOnly() {
    apply(create("/f"));
    long handle = apply(Operation.newBuilder().setAddChunk(AddChunkOp.newBuilder().setPath("/f"))).getChunk().getHandle();
    assertEquals(0, chunk(handle).getPlacedOnCount(), "added, not placed");
    assertFalse(apply(place(handle, "cs-1", "cs-2", "cs-3")).hasError());
    assertEquals(List.of("cs-1", "cs-2", "cs-3"), chunk(handle).getPlacedOnList());
    assertEquals(1000, chunk(handle).getPlacedAtMs(), "the leader's clock, from the operation");
    assertFalse(apply(place(handle)).hasError(), "every server refused: placed on none");
    assertEquals(0, chunk(handle).getPlacedOnCount());
    apply(Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(handle).setNewVersion(2)));
    OperationResult late = apply(place(handle, "cs-4"));
    assertEquals(ErrorCode.STALE_VERSION, late.getError().getCode(), "only a chunk at version 1 is placed");
    assertTrue(late.getError().getMessage().contains(ChunkIds.format(handle)), late.getError().getMessage());
    assertEquals(ErrorCode.NOT_FOUND, apply(place(handle + 100, "cs-1")).getError().getCode());
  }

  private static Operation.Builder place(long handle, String... servers) {
    return Operation.newBuilder().setPlaceChunk(PlaceChunkOp.newBuilder().setHandle(handle)
        .addAllServers(List.of(servers)));
  }

  private ChunkRecord chunk(long handle) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return namespace.chunk(txn, handle);
    }
  }

  @Test
  void malformedPathsAreRefusedWithTheirName() {
    assertThrows(InvalidPathException.class, () -> GfsPath.parse("relative/path"));
    assertThrows(InvalidPathException.class, () -> GfsPath.parse("/a//b"));
    assertThrows(InvalidPathException.class, () -> GfsPath.parse("/a/../b"));
    OperationResult result = apply(create("/a/./b"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, result.getError().getCode());
    assertTrue(result.getError().getMessage().contains("/a/./b"));
  }
}
