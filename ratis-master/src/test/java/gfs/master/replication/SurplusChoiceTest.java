package gfs.master.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurplusChoiceTest {
  private static ServerView server(String id, String rack, long used) {
    return new ServerView(id, rack, false, used, 1_000, 0);
  }

  @Test
  void prefersARackWithMoreThanOneReplicaThenTheFullestServer() {
    List<ServerView> replicas = List.of(server("a1", "a", 100), server("a2", "a", 200),
        server("b1", "b", 900), server("c1", "c", 500));
    assertEquals("a2", SurplusChoice.victim(replicas, null, null));
    List<ServerView> spread = List.of(server("a1", "a", 100), server("b1", "b", 900), server("c1", "c", 500));
    assertEquals("b1", SurplusChoice.victim(spread, null, null));
  }

  @Test
  void neverTheLeasePrimaryAndTheMoveSourceWhenThereIsOne() {
    List<ServerView> replicas = List.of(server("a1", "a", 100), server("a2", "a", 200), server("b1", "b", 0));
    assertEquals("a1", SurplusChoice.victim(replicas, "a2", null));
    assertEquals("b1", SurplusChoice.victim(replicas, null, "b1"));
    assertEquals("a2", SurplusChoice.victim(replicas, "b1", "b1"), "the primary stays even if it was a move source");
    assertNull(SurplusChoice.victim(List.of(server("a1", "a", 0)), "a1", null));
  }
}
