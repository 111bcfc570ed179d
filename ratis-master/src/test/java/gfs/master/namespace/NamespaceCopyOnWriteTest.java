package gfs.master.namespace;

import static gfs.master.namespace.NamespaceFixture.delete;
import static gfs.master.namespace.NamespaceFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.BumpVersionOp;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkRecord;
import gfs.proto.CopyDoneOp;
import gfs.proto.ErrorCode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.ReplaceChunkOp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first write to a shared chunk: ReplaceChunk gives the file a copy, CopyDone ends it. */
class NamespaceCopyOnWriteTest {
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

  private static Operation.Builder replace(String path, long index, long oldHandle) {
    return Operation.newBuilder().setReplaceChunk(ReplaceChunkOp.newBuilder().setPath(path)
        .setChunkIndex(index).setOldHandle(oldHandle));
  }

  private static Operation.Builder copyDone(long handle) {
    return Operation.newBuilder().setCopyDone(CopyDoneOp.newBuilder().setHandle(handle));
  }

  @Test
  void replaceThenCopyDoneSplitsTheChunk() {
    long old = fx.file("/f", 2).get(1);
    fx.apply(Operation.newBuilder().setBumpVersion(BumpVersionOp.newBuilder().setHandle(old).setNewVersion(4)));
    fx.apply(snapshot("/f", "/snap"));
    assertEquals(2, fx.chunk(old).getRefCount());

    OperationResult replaced = fx.apply(replace("/f", 1, old));
    assertFalse(replaced.hasError(), replaced.getError().getMessage());
    ChunkLocation location = replaced.getChunk();
    long copy = location.getHandle();
    assertEquals(1, location.getChunkIndex());
    assertEquals(5, location.getVersion());
    assertEquals(copy, fx.lookup("/f").getChunks(1));
    assertEquals(old, fx.lookup("/snap").getChunks(1), "the snapshot keeps the old chunk");
    ChunkRecord pending = fx.chunk(copy);
    assertEquals(old, pending.getCopyFrom());
    assertEquals(1, pending.getRefCount());
    assertEquals(5, pending.getVersion());
    assertEquals(2, fx.chunk(old).getRefCount(), "the pending copy holds the file's reference");

    assertFalse(fx.apply(copyDone(copy)).hasError());
    assertEquals(0, fx.chunk(copy).getCopyFrom());
    assertEquals(1, fx.chunk(old).getRefCount());

    assertFalse(fx.apply(copyDone(copy)).hasError(), "a retried copy-done is harmless");
    assertEquals(1, fx.chunk(old).getRefCount());
    assertFalse(fx.apply(copyDone(9_999)).hasError(), "so is one for an unknown chunk");
  }

  @Test
  void replaceOfAnUnsharedOrAlreadySplitChunkIsRefused() {
    List<Long> handles = fx.file("/f", 1);
    long old = handles.get(0);
    OperationResult unshared = fx.apply(replace("/f", 0, old));
    assertEquals(ErrorCode.STALE_VERSION, unshared.getError().getCode());
    assertTrue(unshared.getError().getMessage().contains(ChunkIds.format(old))
        && unshared.getError().getMessage().contains("/f")
        && unshared.getError().getMessage().contains("no longer shared"), unshared.getError().getMessage());

    fx.apply(snapshot("/f", "/snap"));
    assertFalse(fx.apply(replace("/f", 0, old)).hasError());
    OperationResult again = fx.apply(replace("/f", 0, old));
    assertEquals(ErrorCode.STALE_VERSION, again.getError().getCode(), "already split: look it up again");
    assertEquals(ErrorCode.INVALID_ARGUMENT, fx.apply(replace("/f", 3, old)).getError().getCode());
    assertEquals(ErrorCode.NOT_FOUND, fx.apply(replace("/nope", 0, old)).getError().getCode());
  }

  @Test
  void purgingAPendingCopyReleasesItsSourceToo() {
    long old = fx.file("/f", 1).get(0);
    fx.apply(snapshot("/f", "/snap"));
    long copy = fx.apply(replace("/f", 0, old)).getChunk().getHandle();
    fx.apply(delete("/f"));
    fx.apply(delete(fx.read(txn -> fx.namespace.findDeleted(txn, GfsPath.parse("/f")))));
    assertNull(fx.chunk(copy));
    assertEquals(1, fx.chunk(old).getRefCount(), "only the snapshot's reference is left");
    fx.apply(delete("/snap"));
    fx.apply(delete(fx.read(txn -> fx.namespace.findDeleted(txn, GfsPath.parse("/snap")))));
    assertNull(fx.chunk(old));
  }
}
