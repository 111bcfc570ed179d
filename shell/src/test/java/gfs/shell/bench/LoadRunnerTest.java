package gfs.shell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {
  /** bench io's writes: every client writes exactly its own file's pieces 0..n-1, once each. */
  @Test
  void countedEachGivesEveryThreadItsOwnFullSequence() throws Exception {
    int threads = 3;
    long perThread = 50;
    List<List<Long>> seen = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      seen.add(Collections.synchronizedList(new ArrayList<>()));
    }
    LoadResult result = LoadRunner.countedEach("each", threads, perThread, 60_000,
        t -> seq -> seen.get(t).add(seq), null, 0);
    assertEquals(threads * perThread, result.operations());
    assertEquals(0, result.errors());
    for (List<Long> sequence : seen) {
      List<Long> sorted = new ArrayList<>(sequence);
      Collections.sort(sorted);
      assertEquals(perThread, sorted.size());
      for (int i = 0; i < perThread; i++) {
        assertEquals(i, sorted.get(i));
      }
    }
  }
}
