package gfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.master.config.MasterConfig;
import gfs.proto.CreateRequest;
import gfs.proto.DeleteRequest;
import gfs.proto.DeleteResponse;
import gfs.proto.ErrorCode;
import gfs.proto.FileInfo;
import gfs.proto.ListRequest;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.RequestHeader;
import gfs.proto.RestoreRequest;
import gfs.proto.RestoreResponse;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * rm, ls --deleted and restore through a real master group: deleted entries are listed with
 * the /.trash path that names them, and either that path or the original one is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one group for both tests: they use separate directories
class TrashServiceTest {
  TestMasters group;
  MasterServiceGrpc.MasterServiceBlockingStub master;
  long callId;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    group = new TestMasters(dir, MasterConfig.DEFAULT_CHECKPOINT_INTERVAL_ENTRIES,
        MasterConfig.DEFAULT_RAFT_SEGMENT_BYTES);
    group.startAll();
    master = group.stub(group.leader());
  }

  @AfterAll
  void stop() throws Exception {
    group.close();
  }

  private RequestHeader header() {
    return RequestHeader.newBuilder().setClientId("trash-test").setCallId(++callId).build();
  }

  private void create(String path) {
    assertFalse(master.create(CreateRequest.newBuilder().setHeader(header()).setPath(path)
        .setCreateParents(true).build()).hasError());
  }

  private DeleteResponse delete(RequestHeader header, String path) {
    return master.delete(DeleteRequest.newBuilder().setHeader(header).setPath(path).setRecursive(true).build());
  }

  private List<FileInfo> deletedIn(String directory) {
    return master.list(ListRequest.newBuilder().setPath(directory).setIncludeDeleted(true).build())
        .getEntriesList().stream().filter(e -> e.getDeletedAtMs() > 0).toList();
  }

  @Test
  void deleteListRestoreByEitherName() {
    create("/d/f");
    create("/d/g");
    assertFalse(delete(header(), "/d/f").hasError());
    List<FileInfo> deleted = deletedIn("/d");
    assertEquals(1, deleted.size());
    String deletedPath = deleted.get(0).getDeletedPath();
    assertEquals("/d/f", deleted.get(0).getPath());
    assertTrue(deletedPath.startsWith("/.trash/"), deletedPath);

    StatResponse stat = master.stat(StatRequest.newBuilder().setPath(deletedPath).build());
    assertEquals(deletedPath, stat.getInfo().getDeletedPath());

    RestoreResponse byHiddenName = master.restore(RestoreRequest.newBuilder().setHeader(header())
        .setDeletedPath(deletedPath).setTargetPath("/d/f2").build());
    assertFalse(byHiddenName.hasError(), byHiddenName.getError().getMessage());
    assertEquals("/d/f2", byHiddenName.getFile().getPath());

    assertFalse(delete(header(), "/d/g").hasError());
    RestoreResponse byOriginal = master.restore(RestoreRequest.newBuilder().setHeader(header())
        .setDeletedPath("/d/g").build());
    assertFalse(byOriginal.hasError(), byOriginal.getError().getMessage());
    assertEquals("/d/g", byOriginal.getFile().getPath());
    assertTrue(deletedIn("/d").isEmpty());

    RestoreResponse nothing = master.restore(RestoreRequest.newBuilder().setHeader(header())
        .setDeletedPath("/d/never").build());
    assertEquals(ErrorCode.NOT_FOUND, nothing.getError().getCode());
    assertTrue(nothing.getError().getMessage().contains("/d/never"));
  }

  @Test
  void rmOfADeletedFileReclaimsItButARetriedRmDoesNot() {
    create("/e/f");
    RequestHeader first = header();
    assertFalse(delete(first, "/e/f").hasError());
    assertFalse(delete(first, "/e/f").hasError(), "a retry gets the first answer");
    assertEquals(1, deletedIn("/e").size(), "the retry did not reclaim the deleted file");

    assertFalse(delete(header(), "/e/f").hasError(), "rm of the deleted file's original path");
    assertTrue(deletedIn("/e").isEmpty());
    assertEquals(ErrorCode.NOT_FOUND, delete(header(), "/e/f").getError().getCode());

    create("/e/h");
    delete(header(), "/e/h");
    assertFalse(delete(header(), deletedIn("/e").get(0).getDeletedPath()).hasError(), "rm of the /.trash path");
    assertTrue(deletedIn("/e").isEmpty());
    assertEquals(ErrorCode.INVALID_ARGUMENT, delete(header(), "/.trash").getError().getCode());
  }
}
