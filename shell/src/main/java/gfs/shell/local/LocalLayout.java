package gfs.shell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The servers of a local cluster and the config files that describe them: master-1..
 * (voters), shadow-1.. (read-only shadow masters), chunkserver-1.. (racks round robin), all
 * on 127.0.0.1. Every master knows the voters and the shadows; chunkservers and clients talk
 * to all of them.
 */
public final class LocalLayout {
  public static final String HOST = "127.0.0.1";
  public static final String CLIENT_CONF = "client.conf";

  private final Path dir;
  private final ClusterShape shape;
  private final List<LocalNode> masters;
  private final List<LocalNode> shadows;
  private final List<LocalNode> chunkservers;

  private LocalLayout(Path dir, ClusterShape shape, List<LocalNode> masters,
      List<LocalNode> shadows, List<LocalNode> chunkservers) {
    this.dir = dir;
    this.shape = shape;
    this.masters = List.copyOf(masters);
    this.shadows = List.copyOf(shadows);
    this.chunkservers = List.copyOf(chunkservers);
  }

  public static final String MASTER_METRICS_PORT = "master.metrics.port";
  public static final String CHUNKSERVER_METRICS_PORT = "chunkserver.metrics.port";

  /**
   * Ports needed by a new cluster of this shape: service, Raft and metrics per master and per
   * shadow, service and metrics per chunkserver.
   */
  public static int portsNeeded(ClusterShape shape) {
    return 3 * (shape.masters() + shape.shadows()) + 2 * shape.chunkservers();
  }

  /** A new cluster on the given free ports (portsNeeded of them). */
  public static LocalLayout plan(Path dir, ClusterShape shape, List<Integer> ports) {
    if (ports.size() != portsNeeded(shape)) {
      throw new IllegalArgumentException("need " + portsNeeded(shape) + " ports, got " + ports.size());
    }
    List<LocalNode> masters = new ArrayList<>();
    int next = 0;
    for (int i = 1; i <= shape.masters(); i++) {
      masters.add(new LocalNode("master-" + i, LocalNode.Role.MASTER, HOST, ports.get(next++),
          ports.get(next++), ports.get(next++), null, dir));
    }
    List<LocalNode> shadows = new ArrayList<>();
    for (int i = 1; i <= shape.shadows(); i++) {
      shadows.add(new LocalNode("shadow-" + i, LocalNode.Role.SHADOW, HOST, ports.get(next++),
          ports.get(next++), ports.get(next++), null, dir));
    }
    List<LocalNode> chunkservers = new ArrayList<>();
    for (int i = 1; i <= shape.chunkservers(); i++) {
      chunkservers.add(new LocalNode("chunkserver-" + i, LocalNode.Role.CHUNKSERVER, HOST,
          ports.get(next++), 0, ports.get(next++), rackOf(i, shape.racks()), dir));
    }
    return new LocalLayout(dir, shape, masters, shadows, chunkservers);
  }

  /** The cluster already in dir, as its config files say (ports are kept across restarts). */
  public static LocalLayout load(Path dir, ClusterShape shape) throws IOException {
    List<LocalNode> expected = new ArrayList<>();
    for (int i = 1; i <= shape.masters(); i++) {
      expected.add(new LocalNode("master-" + i, LocalNode.Role.MASTER, HOST, 0, 0, 0, null, dir));
    }
    for (int i = 1; i <= shape.shadows(); i++) {
      expected.add(new LocalNode("shadow-" + i, LocalNode.Role.SHADOW, HOST, 0, 0, 0, null, dir));
    }
    for (int i = 1; i <= shape.chunkservers(); i++) {
      expected.add(new LocalNode("chunkserver-" + i, LocalNode.Role.CHUNKSERVER, HOST, 0, 0, 0,
          rackOf(i, shape.racks()), dir));
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (LocalNode node : expected) {
      configs.add(readConfig(node));
    }
    addMissingMetricsPorts(expected, configs);
    List<LocalNode> masters = new ArrayList<>();
    List<LocalNode> shadows = new ArrayList<>();
    List<LocalNode> chunkservers = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      LocalNode node = expected.get(i);
      Map<String, String> config = configs.get(i);
      int metricsPort = Math.max(0, port(config, metricsKey(node), node));
      switch (node.role()) {
        case MASTER, SHADOW -> (node.role() == LocalNode.Role.MASTER ? masters : shadows).add(new LocalNode(
            node.name(), node.role(), config.getOrDefault("master.host", HOST), port(config, "master.port", node),
            port(config, "master.raft.port", node), metricsPort, null, dir));
        case CHUNKSERVER -> chunkservers.add(new LocalNode(node.name(), node.role(),
            config.getOrDefault("chunkserver.host", HOST), port(config, "chunkserver.port", node), 0,
            metricsPort, config.getOrDefault("chunkserver.rack", node.rack()), dir));
      }
    }
    return new LocalLayout(dir, shape, masters, shadows, chunkservers);
  }

  private static String metricsKey(LocalNode node) {
    return node.role() == LocalNode.Role.CHUNKSERVER ? CHUNKSERVER_METRICS_PORT : MASTER_METRICS_PORT;
  }

  /**
   * Servers of a cluster made before they served metrics would all take their role's default
   * metrics port: give each a free one of its own (allocated together, so distinct), in its
   * config file.
   */
  private static void addMissingMetricsPorts(List<LocalNode> nodes, List<Map<String, String>> configs)
      throws IOException {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      if (!configs.get(i).containsKey(metricsKey(nodes.get(i)))) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<Integer> ports = FreePorts.allocate(missing.size());
    for (int k = 0; k < missing.size(); k++) {
      int i = missing.get(k);
      Map<String, String> updated = new LinkedHashMap<>(configs.get(i));
      updated.put(metricsKey(nodes.get(i)), Integer.toString(ports.get(k)));
      PropertiesFile.write(nodes.get(i).configFile(), "Written by ./gfs local; a metrics port was"
          + " added on a later start.", updated);
      configs.set(i, updated);
    }
  }

  static String rackOf(int chunkserverNumber, int racks) {
    return "rack-" + ((chunkserverNumber - 1) % racks + 1);
  }

  public Path dir() {
    return dir;
  }

  public ClusterShape shape() {
    return shape;
  }

  /** The voting masters. */
  public List<LocalNode> masters() {
    return masters;
  }

  /** The read-only shadow masters. */
  public List<LocalNode> shadows() {
    return shadows;
  }

  /** Voters, then shadows: every master process. */
  public List<LocalNode> allMasters() {
    List<LocalNode> all = new ArrayList<>(masters);
    all.addAll(shadows);
    return all;
  }

  public List<LocalNode> chunkservers() {
    return chunkservers;
  }

  /** Masters (voters, then shadows) first: chunkservers register with them. */
  public List<LocalNode> nodes() {
    List<LocalNode> all = allMasters();
    all.addAll(chunkservers);
    return all;
  }

  public Path clientConf() {
    return dir.resolve(CLIENT_CONF);
  }

  /**
   * host:port of every master's service port, shadows included: the client's and
   * chunkservers' view (chunkservers report to shadows too, so they know chunk locations).
   */
  public String masterAddresses() {
    return allMasters().stream().map(LocalNode::address).collect(Collectors.joining(","));
  }

  Map<String, String> masterProperties(LocalNode node) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("master.id", node.name());
    p.put("master.host", node.host());
    p.put("master.port", Integer.toString(node.port()));
    p.put("master.raft.port", Integer.toString(node.raftPort()));
    p.put(MASTER_METRICS_PORT, Integer.toString(node.metricsPort()));
    p.put("master.peers", peerList(masters));
    if (!shadows.isEmpty()) {
      p.put("master.shadows", peerList(shadows));
    }
    p.put("master.data.dir", node.dataDir().toString());
    p.put("chunk.size", Long.toString(shape.chunkSizeBytes()));
    p.put("replication.default", Integer.toString(shape.replication()));
    return p;
  }

  private static String peerList(List<LocalNode> nodes) {
    return nodes.stream().map(m -> m.name() + "=" + m.host() + ":" + m.raftPort() + ":" + m.port())
        .collect(Collectors.joining(","));
  }

  Map<String, String> chunkserverProperties(LocalNode node) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("chunkserver.id", node.name());
    p.put("chunkserver.host", node.host());
    p.put("chunkserver.port", Integer.toString(node.port()));
    p.put("chunkserver.rack", node.rack());
    p.put(CHUNKSERVER_METRICS_PORT, Integer.toString(node.metricsPort()));
    p.put("chunkserver.data.dir", node.dataDir().toString());
    p.put("chunkserver.masters", masterAddresses());
    p.put("chunk.size", Long.toString(shape.chunkSizeBytes()));
    return p;
  }

  Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("masters", masterAddresses());
    return p;
  }

  /** Writes every server's config, then the shape file that marks the cluster as made. */
  void writeNew(Map<String, String> settings) throws IOException {
    for (LocalNode node : nodes()) {
      Files.createDirectories(node.dataDir());
      Map<String, String> properties = node.role() == LocalNode.Role.CHUNKSERVER
          ? chunkserverProperties(node) : masterProperties(node);
      properties.putAll(settings);
      PropertiesFile.write(node.configFile(), "Written by ./gfs local at the cluster's first start;"
          + " kept (with any edits) when it is started again.", properties);
    }
    writeClientConf();
    shape.save(dir);
  }

  /** Writes settings (from --set) into the config file of every server of an existing cluster. */
  void applySettings(Map<String, String> settings) throws IOException {
    if (settings.isEmpty()) {
      return;
    }
    for (LocalNode node : nodes()) {
      Map<String, String> properties = new LinkedHashMap<>(readConfig(node));
      properties.putAll(settings);
      PropertiesFile.write(node.configFile(), "Written by ./gfs local; settings given with --set"
          + " are added on later starts.", properties);
    }
  }

  /** client.conf follows the masters' config files, so it is rewritten on every start. */
  void writeClientConf() throws IOException {
    PropertiesFile.write(clientConf(), "Client config of the local cluster in " + dir
        + "\nUse it with: export GFS_CONF=" + clientConf(), clientProperties());
  }

  private static Map<String, String> readConfig(LocalNode node) throws IOException {
    if (!Files.isRegularFile(node.configFile())) {
      throw new IOException("local cluster in " + node.clusterDir() + " has no "
          + node.configFile() + " (delete the directory to start afresh)");
    }
    return PropertiesFile.read(node.configFile());
  }

  private static int port(Map<String, String> config, String key, LocalNode node)
      throws IOException {
    String value = config.get(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IOException(node.configFile() + ": " + key + "=" + value + " is not a port");
    }
  }
}
