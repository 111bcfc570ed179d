package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.client.ClusterView;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ready means: a leader, every shadow answering, every chunkserver of the layout registered and LIVE. */
class ReadinessTest {
  private final LocalLayout layout;

  ReadinessTest() throws Exception {
    ClusterShape shape = ClusterShape.fromFlags(3, 1, 2, 2, 1L << 20);
    layout = LocalLayout.plan(Path.of("/tmp/c"), shape,
        IntStream.range(0, LocalLayout.portsNeeded(shape)).mapToObj(i -> 42000 + i).toList());
  }

  private static ClusterView.Master master(String id, String role) {
    return new ClusterView.Master(id, "127.0.0.1:1", role, 1, 1, 1);
  }

  private static ClusterView.Chunkserver chunkserver(String id, String state) {
    return new ClusterView.Chunkserver(id, "127.0.0.1:2", "rack-1", state, 1, 0, 1, 0, 100);
  }

  private static ClusterView view(String leader, List<ClusterView.Chunkserver> chunkservers) {
    return view(leader, "LISTENER", chunkservers);
  }

  private static ClusterView view(String leader, String shadowRole,
      List<ClusterView.Chunkserver> chunkservers) {
    return view(leader, shadowRole, chunkservers, leader);
  }

  private static ClusterView view(String leader, String shadowRole,
      List<ClusterView.Chunkserver> chunkservers, String reportedBy) {
    return new ClusterView(leader, List.of(master("master-1", "FOLLOWER"),
        master("master-2", leader.isEmpty() ? "CANDIDATE" : "LEADER"),
        master("master-3", ClusterView.UNREACHABLE), master("shadow-1", shadowRole)),
        chunkservers, 0, 0, 1 << 20, 0, 0, false, 0, 0, 0, reportedBy);
  }

  @Test
  void readyWithLeaderAndAllChunkserversLive() {
    assertEquals(List.of(), Readiness.problems(view("master-2",
        List.of(chunkserver("chunkserver-1", "LIVE"), chunkserver("chunkserver-2", "LIVE"))), layout));
  }

  @Test
  void noLeaderNamesEveryMastersRole() {
    List<Readiness.Problem> problems = Readiness.problems(view("", List.of()), layout);
    assertEquals(List.of(
        new Readiness.Problem("master-1", "no leader elected (master-1 is FOLLOWER)"),
        new Readiness.Problem("master-2", "no leader elected (master-2 is CANDIDATE)"),
        new Readiness.Problem("master-3", "no leader elected (master-3 is UNREACHABLE)")), problems);
  }

  @Test
  void aShadowThatDoesNotAnswerIsNamed() {
    List<Readiness.Problem> problems = Readiness.problems(view("master-2", ClusterView.UNREACHABLE,
        List.of(chunkserver("chunkserver-1", "LIVE"), chunkserver("chunkserver-2", "LIVE"))), layout);
    assertEquals(List.of(new Readiness.Problem("shadow-1", "shadow shadow-1 is UNREACHABLE")), problems);
  }

  @Test
  void aFollowersViewIsNotEnoughEvenWithEveryChunkserverLive() {
    List<Readiness.Problem> problems = Readiness.problems(view("master-2", "LISTENER",
        List.of(chunkserver("chunkserver-1", "LIVE"), chunkserver("chunkserver-2", "LIVE")), "shadow-1"), layout);
    assertEquals(List.of(new Readiness.Problem("master-2",
        "leader master-2 has not answered for itself (only shadow-1's view, which may lag)")), problems);
  }

  @Test
  void missingAndDeadChunkserversAreNamed() {
    List<Readiness.Problem> problems = Readiness.problems(view("master-2",
        List.of(chunkserver("chunkserver-2", "DEAD"))), layout);
    assertEquals(List.of(
        new Readiness.Problem("chunkserver-1", "chunkserver-1 has not registered"),
        new Readiness.Problem("chunkserver-2", "chunkserver-2 is DEAD")), problems);
  }
}
