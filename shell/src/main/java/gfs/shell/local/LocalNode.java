package gfs.shell.local;

import java.nio.file.Path;

/**
 * One server process of a local cluster and where its files are: D/NAME/ holds its config and
 * data, D/NAME.log its output, D/NAME.pid its process id while it runs.
 *
 * @param raftPort masters only (0 for chunkservers)
 * @param metricsPort port of its Prometheus endpoint (0 when it has none)
 * @param rack chunkservers only (null for masters)
 */
public record LocalNode(String name, Role role, String host, int port, int raftPort, int metricsPort, String rack,
    Path clusterDir) {

  public enum Role {
    MASTER("master", "master"),
    /** A read-only shadow master: a master process configured as a Raft listener. */
    SHADOW("master", "shadow"),
    CHUNKSERVER("chunkserver", "chunkserver");

    private final String command;
    private final String label;

    Role(String command, String label) {
      this.command = command;
      this.label = label;
    }

    /** The ./gfs command that runs it, also the stem of its config file name. */
    public String command() {
      return command;
    }

    /** What it is, for people and --json. */
    public String label() {
      return label;
    }
  }

  public Path nodeDir() {
    return clusterDir.resolve(name);
  }

  public Path configFile() {
    return nodeDir().resolve(role.command() + ".properties");
  }

  public Path dataDir() {
    return nodeDir().resolve("data");
  }

  public Path logFile() {
    return clusterDir.resolve(name + ".log");
  }

  public Path pidFile() {
    return clusterDir.resolve(name + ".pid");
  }

  public String address() {
    return host + ":" + port;
  }

  /**
   * Text found in this node's command line (its config path), telling our process apart from
   * an unrelated one that reused a stale pid.
   */
  public String commandLineMarker() {
    return nodeDir() + "/";
  }
}
