package gfs.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chunkservers of a {@link ClusterView} added up for `gfs admin report` and grouped for
 * `gfs admin topology`: racks, then hosts, then chunkservers, each in name order.
 */
public record ClusterReport(ClusterView view, Totals total, List<Rack> racks) {
  public ClusterReport {
    racks = List.copyOf(racks);
  }

  /**
   * Chunkservers by state, and the disk of those that heartbeat (every state but DEAD).
   */
  public record Totals(int live, int dead, int decommissioning, int decommissioned, long capacityBytes,
      long usedBytes, long freeBytes, long chunks) {
    public int chunkservers() {
      return live + dead + decommissioning + decommissioned;
    }

    Totals plus(ClusterView.Chunkserver cs) {
      boolean dead = cs.state().equals("DEAD");
      return new Totals(live + (cs.state().equals("LIVE") ? 1 : 0), this.dead + (dead ? 1 : 0),
          decommissioning + (cs.state().equals("DECOMMISSIONING") ? 1 : 0),
          decommissioned + (cs.state().equals("DECOMMISSIONED") ? 1 : 0),
          capacityBytes + (dead ? 0 : cs.capacityBytes()), usedBytes + (dead ? 0 : cs.usedBytes()),
          freeBytes + (dead ? 0 : cs.freeBytes()), chunks + (dead ? 0 : cs.chunkCount()));
    }
  }

  public record Rack(String name, Totals totals, List<Host> hosts) {
    public Rack {
      hosts = List.copyOf(hosts);
    }
  }

  public record Host(String name, List<ClusterView.Chunkserver> chunkservers) {
    public Host {
      chunkservers = List.copyOf(chunkservers);
    }
  }

  private static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

  /** Groups and adds up the view's chunkservers; a server without a rack is in rack "-". */
  public static ClusterReport of(ClusterView view) {
    Map<String, Map<String, List<ClusterView.Chunkserver>>> byRack = new TreeMap<>();
    Totals total = ZERO;
    for (ClusterView.Chunkserver cs : view.chunkservers()) {
      String rack = cs.rack().isEmpty() ? "-" : cs.rack();
      byRack.computeIfAbsent(rack, r -> new TreeMap<>())
          .computeIfAbsent(host(cs.address()), h -> new ArrayList<>()).add(cs);
      total = total.plus(cs);
    }
    List<Rack> racks = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<ClusterView.Chunkserver>>> rack : byRack.entrySet()) {
      Totals totals = ZERO;
      List<Host> hosts = new ArrayList<>();
      for (Map.Entry<String, List<ClusterView.Chunkserver>> host : rack.getValue().entrySet()) {
        List<ClusterView.Chunkserver> servers = new ArrayList<>(host.getValue());
        servers.sort((a, b) -> a.id().compareTo(b.id()));
        for (ClusterView.Chunkserver cs : servers) {
          totals = totals.plus(cs);
        }
        hosts.add(new Host(host.getKey(), servers));
      }
      racks.add(new Rack(rack.getKey(), totals, hosts));
    }
    return new ClusterReport(view, total, racks);
  }

  /** The host of a host:port address ([v6]:port too); the address itself when it has no port. */
  static String host(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      return address.isEmpty() ? "-" : address;
    }
    String host = address.substring(0, colon);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
