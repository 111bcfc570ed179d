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
}
