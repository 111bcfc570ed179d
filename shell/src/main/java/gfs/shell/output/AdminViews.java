package gfs.shell.output;

import gfs.client.ClusterReport;
import gfs.client.ClusterView;
import gfs.client.ReplicationStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes and words shared by the `gfs admin` status commands (sizes in bytes, times in ms). */
public final class AdminViews {
  private AdminViews() {}

  /** "0x1f", as the servers' logs name chunks. */
  public static String handle(long handle) {
    return "0x" + Long.toHexString(handle);
  }

  /** "12.5%" of a fraction. */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** Used over capacity as a percentage, "-" without a capacity. */
  public static String usedPercent(long usedBytes, long capacityBytes) {
    return capacityBytes <= 0 ? "-" : percent((double) usedBytes / capacityBytes);
  }

  public static Map<String, Object> totals(ClusterReport.Totals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("live", t.live());
    m.put("dead", t.dead());
    m.put("decommissioning", t.decommissioning());
    m.put("decommissioned", t.decommissioned());
    m.put("capacity_bytes", t.capacityBytes());
    m.put("used_bytes", t.usedBytes());
    m.put("remaining_bytes", t.freeBytes());
    m.put("replicas", t.chunks());
    return m;
  }

  /** One chunkserver as `admin chunkservers --json` and `admin topology --json` show it. */
  public static Map<String, Object> chunkserver(ClusterView.Chunkserver cs) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", cs.id());
    e.put("address", cs.address());
    e.put("rack", cs.rack());
    e.put("state", cs.state());
    e.put("capacity_bytes", cs.capacityBytes());
    e.put("used_bytes", cs.usedBytes());
    e.put("remaining_bytes", cs.freeBytes());
    e.put("chunks", cs.chunkCount());
    e.put("heartbeat_age_ms", cs.lastHeartbeatAgeMs());
    e.put("chunks_to_drain", cs.chunksToDrain());
    e.put("clones_in_flight", cs.clonesInFlight());
    return e;
  }

  public static List<Object> clones(List<ReplicationStatus.Clone> clones) {
    List<Object> list = new ArrayList<>();
    for (ReplicationStatus.Clone c : clones) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("handle", handle(c.handle()));
      e.put("version", c.version());
      e.put("source", c.source());
      e.put("target", c.target());
      e.put("move", c.move());
      e.put("age_ms", c.ageMs());
      list.add(e);
    }
    return list;
  }

  public static Table clonesTable(List<ReplicationStatus.Clone> clones) {
    Table table = new Table().left("CHUNK").right("VERSION").left("FROM").left("TO").left("KIND").right("AGE");
    for (ReplicationStatus.Clone c : clones) {
      table.row(handle(c.handle()), c.version(), c.source(), c.target(), c.move() ? "move" : "clone",
          Formats.age(c.ageMs()));
    }
    return table;
  }

  /** "ON" / "OFF". */
  public static String onOff(boolean on) {
    return on ? "ON" : "OFF";
  }
}
