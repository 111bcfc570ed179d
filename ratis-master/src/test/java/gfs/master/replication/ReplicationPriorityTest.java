package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationPriorityTest {
  @Test
  void blockedFirstThenMostMissingThenLiveBeforeDeletedThenSurplus() {
    ChunkNeed surplus = new ChunkNeed(1, 1, 2, 3, false, false);
    ChunkNeed lostOne = new ChunkNeed(2, 1, 3, 2, false, false);
    ChunkNeed lostTwo = new ChunkNeed(3, 1, 3, 1, false, false);
    ChunkNeed lostTwoDeleted = new ChunkNeed(4, 1, 3, 1, true, false);
    ChunkNeed lostOneBlocked = new ChunkNeed(5, 1, 3, 2, false, true);
    List<ChunkNeed> needs = new ArrayList<>(List.of(surplus, lostOne, lostTwoDeleted, lostTwo, lostOneBlocked));
    needs.sort(ReplicationPriority.ORDER);
    assertEquals(List.of(lostOneBlocked, lostTwo, lostTwoDeleted, lostOne, surplus), needs);
  }

  @Test
  void aLiveFileMissingOneComesAfterADeletedFileMissingTwo() {
    ChunkNeed liveLostOne = new ChunkNeed(1, 1, 3, 2, false, false);
    ChunkNeed deletedLostTwo = new ChunkNeed(2, 1, 3, 1, true, false);
    List<ChunkNeed> needs = new ArrayList<>(List.of(liveLostOne, deletedLostTwo));
    needs.sort(ReplicationPriority.ORDER);
    assertEquals(List.of(deletedLostTwo, liveLostOne), needs);
  }

  @Test
  void theQueueGroupsIntoLevelsInPriorityOrder() {
    List<ChunkNeed> needs = new ArrayList<>(List.of(
        new ChunkNeed(1, 1, 3, 2, false, false), new ChunkNeed(2, 1, 3, 1, false, false),
        new ChunkNeed(3, 1, 3, 1, false, false), new ChunkNeed(4, 1, 3, 2, false, true),
        new ChunkNeed(5, 1, 3, 1, true, false), new ChunkNeed(6, 1, 2, 3, false, false)));
    needs.sort(ReplicationPriority.ORDER);
    List<ReplicationPriority.Level> levels = ReplicationPriority.levels(needs);
    assertEquals(List.of(
        new ReplicationPriority.Level(1, true, 1, false, 1),
        new ReplicationPriority.Level(2, false, 2, false, 2),
        new ReplicationPriority.Level(3, false, 2, true, 1),
        new ReplicationPriority.Level(4, false, 1, false, 1),
        new ReplicationPriority.Level(5, false, -1, false, 1)), levels);
    assertEquals(2, ReplicationPriority.priority(levels, needs.get(2)));
    assertEquals(5, ReplicationPriority.priority(levels, needs.get(5)));
    assertEquals(List.of(), ReplicationPriority.levels(List.of()));
  }
}
