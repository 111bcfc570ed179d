package gfs.shell.local;

import gfs.client.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a local cluster is up: a master leader elected, every shadow answering as a Raft
 * listener, and every chunkserver registered and live in the leader's own view (a follower's
 * may list a chunkserver the new leader has not heard from yet). Pure: takes what the masters
 * report, says what is missing.
 */
final class Readiness {
  /** What keeps the cluster from being ready, and the server whose log may say why. */
  record Problem(String node, String text) {}

  private Readiness() {}

  static List<Problem> problems(ClusterView view, LocalLayout layout) {
    List<Problem> problems = new ArrayList<>();
    if (view.leaderId() == null || view.leaderId().isEmpty()) {
      Map<String, String> roles = view.masters().stream()
          .collect(Collectors.toMap(ClusterView.Master::id, ClusterView.Master::role, (a, b) -> a));
      for (LocalNode master : layout.masters()) {
        problems.add(new Problem(master.name(), "no leader elected ("
            + master.name() + " is " + roles.getOrDefault(master.name(), "not reported") + ")"));
      }
      return problems;
    }
    Map<String, String> roles = view.masters().stream()
        .collect(Collectors.toMap(ClusterView.Master::id, ClusterView.Master::role, (a, b) -> a));
    for (LocalNode shadow : layout.shadows()) {
      String role = roles.get(shadow.name());
      if (!"LISTENER".equals(role)) {
        problems.add(new Problem(shadow.name(), "shadow " + shadow.name() + " is "
            + (role == null ? "not reported" : role)));
      }
    }
    if (!view.fromLeader()) {
      problems.add(new Problem(view.leaderId(), "leader " + view.leaderId() + " has not answered for itself"
          + (view.reportedBy().isEmpty() ? "" : " (only " + view.reportedBy() + "'s view, which may lag)")));
      return problems;
    }
    Map<String, ClusterView.Chunkserver> reported = view.chunkservers().stream()
        .collect(Collectors.toMap(ClusterView.Chunkserver::id, Function.identity(), (a, b) -> a));
    for (LocalNode chunkserver : layout.chunkservers()) {
      ClusterView.Chunkserver seen = reported.get(chunkserver.name());
      if (seen == null) {
        problems.add(new Problem(chunkserver.name(), chunkserver.name() + " has not registered"));
      } else if (!"LIVE".equals(seen.state())) {
        problems.add(new Problem(chunkserver.name(), chunkserver.name() + " is " + seen.state()));
      }
    }
    return problems;
  }

  /** No master answered at all: every master is suspect. */
  static List<Problem> unreachable(LocalLayout layout, String reason) {
    List<Problem> problems = new ArrayList<>();
    for (LocalNode master : layout.masters()) {
      problems.add(new Problem(master.name(), "no master answered (" + reason + ")"));
    }
    return problems;
  }
}
