package gfs.master.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.proto.ChunkserverCommand;
import gfs.proto.DeleteChunks;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandQueueTest {
  private static ChunkserverCommand delete(long handle) {
    return ChunkserverCommand.newBuilder()
        .setDeleteChunks(DeleteChunks.newBuilder().addHandles(handle)).build();
  }

  @Test
  void handsOutEachServersCommandsOldestFirstAndRefusesBeyondItsBound() {
    CommandQueue queue = new CommandQueue(2);
    assertTrue(queue.add("cs-1", delete(1)));
    assertTrue(queue.add("cs-1", delete(2)));
    assertFalse(queue.add("cs-1", delete(3)), "a full queue refuses");
    assertTrue(queue.add("cs-2", delete(4)), "the bound is per server");
    assertEquals(List.of(delete(1)), queue.drain("cs-1", 1));
    assertEquals(List.of(delete(2)), queue.drain("cs-1", 10));
    assertEquals(List.of(), queue.drain("cs-1", 10));
    assertEquals(1, queue.size("cs-2"));
    queue.clear();
    assertEquals(0, queue.size("cs-2"));
  }
}
