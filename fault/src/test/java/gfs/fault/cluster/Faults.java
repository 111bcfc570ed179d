package gfs.fault.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testcontainers.DockerClientFactory;

/**
 * The faults the scenarios compose, each on one node's container (docker kill, pause,
 * network disconnect) or between two groups of nodes (a host firewall rule). Every fault is
 * remembered so that {@link #healAll} undoes it even when a test fails midway.
 *
 * <p>A partition between groups is a pair of DROP rules per pair of IPs in the host's
 * DOCKER-USER chain (bridged traffic passes the host's iptables: bridge-nf-call-iptables is
 * 1 where Docker runs), tagged with the comment "gfs-fault": unlike a disconnect it leaves
 * each side reachable from the test's client, so a partitioned old leader can still be asked
 * and must refuse.
 */
public final class Faults {
  private static final String RULE_TAG = "gfs-fault";
  private final FaultCluster cluster;
  private static final int MAX_PAUSE_ATTEMPTS = 5;
  private static final long PAUSE_RETRY_MS = 300;
  private final Set<String> paused = new LinkedHashSet<>();
  private final Set<String> disconnected = new LinkedHashSet<>();
  private final List<List<String>> rules = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private volatile gfs.fault.history.History history;

  Faults(FaultCluster cluster) {
    this.cluster = cluster;
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private String id(Node node) {
    return cluster.container(node.name()).getContainerId();
  }

  /** Faults are also written into this history (process "nemesis"), beside the operations. */
  public void recordInto(gfs.fault.history.History target) {
    this.history = target;
  }

  private synchronized void note(String what) {
    gfs.fault.history.History h = history;
    if (h != null) {
      h.ok(h.invoke("nemesis", gfs.fault.history.Op.Kind.FAULT, what), null);
    }
    String line = String.format(java.util.Locale.ROOT, "%tT.%<tL fault: %s", System.currentTimeMillis(), what);
    log.add(line);
    System.out.println(line);
  }

  /** What was done when, for a failure report. */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** SIGKILL of the server process (the container stops; its files stay for a restart). */
  public void kill(Node node) {
    note("SIGKILL " + node.name());
    docker().killContainerCmd(id(node)).withSignal("KILL").exec();
  }

  /** Starts a killed node's container again (same files) and waits until it listens. */
  public void restart(Node node) throws Exception {
    note("restart " + node.name());
    docker().startContainerCmd(id(node)).exec();
    cluster.awaitListening(node, 120_000);
  }

  /** Starts killed nodes again all at once, then waits until each listens. */
  public void restartAll(Collection<Node> nodes) throws Exception {
    note("restart " + nodes.stream().map(Node::name).toList());
    for (Node node : nodes) {
      docker().startContainerCmd(id(node)).exec();
    }
    for (Node node : nodes) {
      cluster.awaitListening(node, 180_000);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a pause", e);
    }
  }

  /** SIGSTOP of every process in the container (docker pause): it holds its sockets, answers nothing. */
  public void pause(Node node) {
    note("SIGSTOP (pause) " + node.name());
    // The cgroup freezer gives up ("unable to freeze") when a process does not stop in time,
    // e.g. in the middle of disk I/O on a loaded machine; the container then runs on, so the
    // pause is tried again (seen in CI, with the container otherwise healthy).
    for (int attempt = 1; ; attempt++) {
      try {
        docker().pauseContainerCmd(id(node)).exec();
        break;
      } catch (InternalServerErrorException e) {
        if (attempt == MAX_PAUSE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("unable to freeze")) {
          throw e;
        }
        note("pause of " + node.name() + " not taken (" + attempt + " of " + MAX_PAUSE_ATTEMPTS + "): retried");
        sleep(PAUSE_RETRY_MS);
      }
    }
    synchronized (this) {
      paused.add(node.name());
    }
  }

  public void resume(Node node) {
    note("SIGCONT (unpause) " + node.name());
    docker().unpauseContainerCmd(id(node)).exec();
    synchronized (this) {
      paused.remove(node.name());
    }
  }

  /** Cuts the node off the network: nobody, the test's client included, reaches it. */
  public void disconnect(Node node) {
    note("disconnect " + node.name());
    docker().disconnectFromNetworkCmd().withNetworkId(cluster.networkId())
        .withContainerId(id(node)).withForce(true).exec();
    synchronized (this) {
      disconnected.add(node.name());
    }
  }

  public void reconnect(Node node) {
    note("reconnect " + node.name());
    cluster.connect(node);
    synchronized (this) {
      disconnected.remove(node.name());
    }
  }

  /** Drops every packet between a node of one side and a node of the other (both ways). */
  public void partition(Collection<Node> side, Collection<Node> other) throws Exception {
    note("partition " + side.stream().map(Node::name).toList() + " | " + other.stream().map(Node::name).toList());
    for (Node a : side) {
      for (Node b : other) {
        for (List<String> rule : List.of(rule(a, b), rule(b, a))) {
          iptables("-I", rule);
          synchronized (this) {
            rules.add(rule);
          }
        }
      }
    }
  }

  /** Removes every partition rule this cluster added. */
  public void healPartitions() throws Exception {
    List<List<String>> current;
    synchronized (this) {
      current = List.copyOf(rules);
      rules.clear();
    }
    if (!current.isEmpty()) {
      note("heal partitions");
    }
    for (List<String> rule : current) {
      iptables("-D", rule);
    }
  }

  private static List<String> rule(Node from, Node to) {
    return List.of("DOCKER-USER", "-s", from.ip(), "-d", to.ip(), "-m", "comment", "--comment",
        RULE_TAG, "-j", "DROP");
  }

  private static void iptables(String action, List<String> rule) throws Exception {
    List<String> command = new ArrayList<>(List.of("iptables", "-w", "10", action));
    command.addAll(rule);
    Commands.run(20_000, command);
  }

  /** Rules tagged gfs-fault left by an earlier run that died before its cleanup. */
  static void removeAllPartitionRules() throws Exception {
    String listing;
    try {
      listing = Commands.run(20_000, List.of("iptables", "-w", "10", "-S", "DOCKER-USER"));
    } catch (java.io.IOException e) {
      return; // no DOCKER-USER chain yet: nothing of ours either
    }
    for (String line : listing.split("\n")) {
      if (line.startsWith("-A DOCKER-USER ") && line.contains("\"" + RULE_TAG + "\"")
          || line.startsWith("-A DOCKER-USER ") && line.contains(" " + RULE_TAG + " ")) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "10", "-D"));
        for (String word : line.substring(3).split(" ")) {
          command.add(word.replace("\"", ""));
        }
        Commands.run(20_000, command);
      }
    }
  }

  /** Undoes every fault still in place: partitions, pauses, disconnections (best effort). */
  public void healAll() {
    try {
      healPartitions();
    } catch (Exception e) {
      System.err.println("could not remove partition rules: " + e);
    }
    for (String name : List.copyOf(paused)) {
      try {
        resume(cluster.node(name));
      } catch (RuntimeException e) {
        System.err.println("could not unpause " + name + ": " + e);
      }
    }
    for (String name : List.copyOf(disconnected)) {
      try {
        reconnect(cluster.node(name));
      } catch (RuntimeException e) {
        System.err.println("could not reconnect " + name + ": " + e);
      }
    }
  }
}
