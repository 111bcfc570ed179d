package gfs.fault.cluster;

/** One server of the cluster: its own container, at a fixed IP on the suite's network. */
public record Node(String name, Role role, String ip, String rack) {
  public enum Role { MASTER, SHADOW, CHUNKSERVER }

  public static final int MASTER_PORT = 7100;
  public static final int RAFT_PORT = 7200;
  public static final int CHUNKSERVER_PORT = 7300;

  public int port() {
    return role == Role.CHUNKSERVER ? CHUNKSERVER_PORT : MASTER_PORT;
  }

  public String address() {
    return ip + ":" + port();
  }

  public String containerName() {
    return "gfs-fault-" + name;
  }

  public boolean isMaster() {
    return role != Role.CHUNKSERVER;
  }
}
