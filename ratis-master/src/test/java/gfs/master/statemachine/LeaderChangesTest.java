package gfs.master.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaderChangesTest {
  @Test
  void electionTimeRunsFromLosingTheLeaderToKnowingTheNextOne() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    LeaderChanges changes = new LeaderChanges(now::get);
    List<String> seen = new ArrayList<>();
    changes.addListener((leader, election) -> seen.add(leader + " " + (election == null ? "-" : election.toMillis())));

    changes.changed("m1");             // the first leader this master learns of: no gap seen
    changes.noLeader();                // sampled: leader lost, an election starts
    now.addAndGet(Duration.ofMillis(700).toNanos());
    changes.noLeader();                // still none (a second round): the gap started earlier
    now.addAndGet(Duration.ofMillis(500).toNanos());
    changes.changed("m2");
    changes.changed("m3");             // told of a new leader without a gap

    assertEquals(List.of("m1 -", "m2 1200", "m3 -"), seen);
  }
}
