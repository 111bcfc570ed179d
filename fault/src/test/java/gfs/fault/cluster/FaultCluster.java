package gfs.fault.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * gfs as real servers, each in its own container on a user-defined bridge network
 * (172.31.250.0/24, fixed IPs): 3 voting masters, 1 read-only shadow and 5 chunkservers on 2
 * racks (rack-1: cs-1, cs-3, cs-5; rack-2: cs-2, cs-4). The test JVM on the host reaches
 * every server at its container IP, which is also what the servers advertise.
 *
 * <p>Testcontainers owns the containers' and the network's lifecycle; the faults
 * ({@link Faults}) act on the same containers through the Docker API. Settings are small so
 * that faults play out in seconds: 1 MB chunks, 6 s leases, dead after 4 s, 500 ms heartbeats,
 * and Raft election timeouts of 1-2 s since nine JVMs share two cores.
 */
public final class FaultCluster implements AutoCloseable {
  public static final String NETWORK = "gfs-fault-net";
  public static final String SUBNET = "172.31.250.0/24";
  private static final String PREFIX = "172.31.250.";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** The settings every server gets (docs/configuration.md). */
  public static Map<String, String> defaultSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("chunk.size", "1MB");
    s.put("replication.default", "3");
    s.put("lease.duration.ms", "6000");
    s.put("chunkserver.dead.after.ms", "4000");
    s.put("heartbeat.interval.ms", "500");
    s.put("rpc.timeout.ms", "3000");
    s.put("raft.election.timeout.min.ms", "1000");
    s.put("raft.election.timeout.max.ms", "2000");
    s.put("replication.scan.interval.ms", "2000");
    s.put("gc.scan.interval.ms", "5000");
    s.put("placement.max.recent.creations", "1000");
    s.put("rebalance.interval.ms", "0");
    s.put("chunkserver.scrub.interval.ms", "0");
    // The default (256 MB) is more than a 192 MB heap: pushed data waits here.
    s.put("chunkserver.push.buffer.bytes", "32MB");
    s.put("master.metrics.port", "-1");
    s.put("chunkserver.metrics.port", "-1");
    return s;
  }

  private final String scenario;
  private final List<Node> nodes;
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  private final Path logDir;
  private final Network network;
  private final Faults faults;

  private FaultCluster(String scenario, List<Node> nodes, Network network, Path logDir) {
    this.scenario = scenario;
    this.nodes = nodes;
    this.network = network;
    this.logDir = logDir;
    this.faults = new Faults(this);
  }

  public static List<Node> layout() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      nodes.add(new Node("master-" + i, Node.Role.MASTER, PREFIX + (10 + i), null));
    }
    nodes.add(new Node("shadow-1", Node.Role.SHADOW, PREFIX + 14, null));
    for (int i = 1; i <= 5; i++) {
      nodes.add(new Node("cs-" + i, Node.Role.CHUNKSERVER, PREFIX + (20 + i), "rack-" + ((i - 1) % 2 + 1)));
    }
    return nodes;
  }

  /**
   * Starts the whole cluster and waits for a leader. smallDisks: chunkservers whose data dir
   * is a tmpfs of that many MB (disk full), all others write to their container's layer.
   */
  public static FaultCluster start(String scenario, Map<String, String> settings,
      Map<String, Integer> smallDisksMb) throws Exception {
    String image = ServerImage.tag();
    removeLeftovers();
    Network network = Network.builder().driver("bridge").createNetworkCmdModifier(cmd -> cmd
        .withName(NETWORK)
        .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(SUBNET)))).build();
    Path logDir = Path.of("target", "fault-logs", scenario);
    Files.createDirectories(logDir);
    FaultCluster cluster = new FaultCluster(scenario, layout(), network, logDir);
    try {
      for (Node node : cluster.nodes) {
        cluster.containers.put(node.name(), cluster.container(image, node, settings,
            smallDisksMb.get(node.name())));
      }
      // Masters first: chunkservers register with them.
      Startables.deepStart(cluster.nodes.stream().filter(Node::isMaster)
          .map(n -> cluster.containers.get(n.name())).toList()).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Startables.deepStart(cluster.nodes.stream().filter(n -> !n.isMaster())
          .map(n -> cluster.containers.get(n.name())).toList()).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      cluster.awaitLeader(120_000);
      cluster.awaitLiveChunkservers(5, 60_000);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private GenericContainer<?> container(String image, Node node, Map<String, String> settings,
      Integer diskMb) {
    String role = node.isMaster() ? "master" : "chunkserver";
    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases(node.name())
        .withCreateContainerCmdModifier(cmd -> cmd.withName(node.containerName()).withIpv4Address(node.ip()))
        .withCopyToContainer(Transferable.of(properties(node, settings)), "/conf/server.properties")
        .withCommand(role, "--config", "/conf/server.properties")
        .waitingFor(Wait.forLogMessage(".* serving on .*", 1).withStartupTimeout(START_TIMEOUT));
    if (diskMb != null) {
      // A small disk: chunk files and the LMDB table on a tmpfs of that size.
      c.withTmpFs(Map.of("/data", "rw,size=" + diskMb + "m"));
    }
    return c;
  }

  private String properties(Node node, Map<String, String> settings) {
    Map<String, String> p = new LinkedHashMap<>(settings);
    String voters = nodes.stream().filter(n -> n.role() == Node.Role.MASTER)
        .map(n -> n.name() + "=" + n.ip() + ":" + Node.RAFT_PORT + ":" + Node.MASTER_PORT)
        .collect(Collectors.joining(","));
    String shadows = nodes.stream().filter(n -> n.role() == Node.Role.SHADOW)
        .map(n -> n.name() + "=" + n.ip() + ":" + Node.RAFT_PORT + ":" + Node.MASTER_PORT)
        .collect(Collectors.joining(","));
    if (node.isMaster()) {
      p.put("master.id", node.name());
      p.put("master.host", node.ip());
      p.put("master.port", Integer.toString(Node.MASTER_PORT));
      p.put("master.raft.port", Integer.toString(Node.RAFT_PORT));
      p.put("master.peers", voters);
      p.put("master.shadows", shadows);
      p.put("master.data.dir", "/data/master");
    } else {
      p.put("chunkserver.id", node.name());
      p.put("chunkserver.host", node.ip());
      p.put("chunkserver.port", Integer.toString(Node.CHUNKSERVER_PORT));
      p.put("chunkserver.rack", node.rack());
      p.put("chunkserver.data.dir", "/data/chunkserver");
      p.put("chunkserver.masters", masterAddresses());
    }
    return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private String masterAddresses() {
    return nodes.stream().filter(Node::isMaster).map(Node::address).collect(Collectors.joining(","));
  }

  /** Containers and the network of an earlier run that died before its cleanup (our names only). */
  private static void removeLeftovers() throws Exception {
    DockerClient docker = DockerClientFactory.instance().client();
    for (Node node : layout()) {
      try {
        docker.removeContainerCmd(node.containerName()).withForce(true).exec();
      } catch (RuntimeException absent) {
        // not there: the usual case
      }
    }
    docker.listNetworksCmd().withNameFilter(NETWORK).exec().stream()
        .filter(n -> n.getName().equals(NETWORK))
        .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    Faults.removeAllPartitionRules();
  }

  public String scenario() {
    return scenario;
  }

  public Faults faults() {
    return faults;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name));
  }

  public List<Node> masters() {
    return nodes.stream().filter(n -> n.role() == Node.Role.MASTER).toList();
  }

  public List<Node> chunkservers() {
    return nodes.stream().filter(n -> n.role() == Node.Role.CHUNKSERVER).toList();
  }

  public List<Node> rack(String rack) {
    return chunkservers().stream().filter(n -> n.rack().equals(rack)).toList();
  }

  GenericContainer<?> container(String name) {
    return containers.get(name);
  }

  String networkId() {
    return network.getId();
  }

  /** A client of the cluster: every master, shadow included; short bounds so faults show fast. */
  public ClientConfig clientConfig(long operationTimeoutMs) {
    List<String> masters = nodes.stream().filter(Node::isMaster).map(Node::address).toList();
    return new ClientConfig(masters, Math.min(3_000, operationTimeoutMs), operationTimeoutMs,
        10_000, false);
  }

  public ClusterView status() throws IOException {
    try (GfsClient client = GfsClient.connect(clientConfig(10_000))) {
      return client.clusterStatus();
    }
  }

  /** The leader's id, polling until one is elected or timeoutMs passed. */
  public String awaitLeader(long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        ClusterView view = status();
        long leaders = view.masters().stream().filter(m -> m.role().equals("LEADER")).count();
        if (!view.leaderId().isEmpty() && leaders == 1) {
          return view.leaderId();
        }
        last = view.masters().toString();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no master leader within " + timeoutMs + " ms: " + last);
  }

  public void awaitLiveChunkservers(int count, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        List<ClusterView.Chunkserver> servers = status().chunkservers();
        if (servers.stream().filter(s -> s.state().equals("LIVE")).count() >= count) {
          return;
        }
        last = servers.toString();
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(count + " live chunkservers not seen within " + timeoutMs + " ms: " + last);
  }

  /** Waits until something accepts TCP on the node's service port (after a restart). */
  public void awaitListening(Node node, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(node.ip(), node.port()), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(node.name() + " not listening within " + timeoutMs + " ms");
        }
        Thread.sleep(200);
      }
    }
  }

  /** The lines of every server's log matching regex (at most max), for a failure report. */
  public String logLines(String regex, int max) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (Node node : nodes) {
      for (String line : logsOf(node.name()).split("\n")) {
        if (pattern.matcher(line).find() && count++ < max) {
          out.append(node.name()).append(": ").append(line).append('\n');
        }
      }
    }
    return out.toString();
  }

  private String logsOf(String name) {
    try {
      return containers.get(name).getLogs();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Heals every fault, saves every server's log under target/fault-logs/SCENARIO, removes all. */
  @Override
  public void close() {
    faults.healAll();
    for (Map.Entry<String, GenericContainer<?>> entry : containers.entrySet()) {
      try {
        Files.writeString(logDir.resolve(entry.getKey() + ".log"), logsOf(entry.getKey()),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("could not save the log of " + entry.getKey() + ": " + e);
      }
      try {
        entry.getValue().stop();
      } catch (RuntimeException e) {
        System.err.println("could not remove " + entry.getKey() + ": " + e);
      }
    }
    try {
      network.close();
    } catch (RuntimeException e) {
      System.err.println("could not remove network " + NETWORK + ": " + e);
    }
  }

  /** Connects a node back to the network at its own IP (after {@link Faults#disconnect}). */
  void connect(Node node) {
    DockerClient docker = DockerClientFactory.instance().client();
    docker.connectToNetworkCmd().withNetworkId(network.getId())
        .withContainerId(containers.get(node.name()).getContainerId())
        .withContainerNetwork(new ContainerNetwork().withAliases(node.name())
            .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(node.ip())))
        .exec();
  }

  static Set<String> ips() {
    return layout().stream().map(Node::ip).collect(Collectors.toSet());
  }
}
