package gfs.master.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gfs.proto.INode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiredTrashTest {
  private static INode deleted(String name, long deletedAtMs) {
    return INode.newBuilder().setName(name).setDeletedAtMs(deletedAtMs).build();
  }

  @Test
  void selectsEntriesDeletedAtLeastTheRetentionAgo() {
    List<INode> trash = List.of(deleted("1000.7.old", 1_000), deleted("5000.8.edge", 5_000),
        deleted("5001.9.young", 5_001));
    assertEquals(List.of("/.trash/1000.7.old", "/.trash/5000.8.edge"),
        ExpiredTrash.select(trash, 15_000, 10_000));
  }

  @Test
  void keepsEntriesWithoutADeletionTimeAndSurvivesAHugeRetention() {
    List<INode> trash = List.of(deleted("no-time", 0), deleted("1.2.f", 1));
    assertEquals(List.of("/.trash/1.2.f"), ExpiredTrash.select(trash, 10, 0));
    assertEquals(List.of(), ExpiredTrash.select(trash, Long.MAX_VALUE / 2, Long.MAX_VALUE));
  }

  @Test
  void cutsPathsIntoBoundedBatchesInOrder() {
    List<String> paths = List.of("a", "b", "c", "d", "e");
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), ExpiredTrash.batches(paths, 2));
    assertEquals(List.of(), ExpiredTrash.batches(List.of(), 100));
    assertThrows(IllegalArgumentException.class, () -> ExpiredTrash.batches(paths, 0));
  }
}
