package gfs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterReportTest {
  private static ClusterView.Chunkserver cs(String id, String address, String rack, String state, long used) {
    return new ClusterView.Chunkserver(id, address, rack, state, 1000, used, 1000 - used, used / 10, 5);
  }

  @Test
  void chunkserversAreAddedUpByStateAndGroupedByRackThenHost() {
    ClusterView view = new ClusterView("m1", List.of(), List.of(
        cs("cs-3", "10.0.0.2:7001", "r2", "DEAD", 500),
        cs("cs-1", "10.0.0.1:7002", "r1", "LIVE", 100),
        cs("cs-0", "10.0.0.1:7001", "r1", "DECOMMISSIONING", 200),
        cs("cs-2", "10.0.0.2:7000", "r2", "LIVE", 300),
        cs("cs-9", "[::1]:7000", "", "DECOMMISSIONED", 0)), 0, 0, 1 << 20, 0, 0, false);
    ClusterReport report = ClusterReport.of(view);

    assertEquals(new ClusterReport.Totals(2, 1, 1, 1, 4000, 600, 3400, 60), report.total(),
        "a dead server's disk is not counted");
    assertEquals(5, report.total().chunkservers());
    assertEquals(List.of("-", "r1", "r2"), report.racks().stream().map(ClusterReport.Rack::name).toList());
    ClusterReport.Rack r1 = report.racks().get(1);
    assertEquals(new ClusterReport.Totals(1, 0, 1, 0, 2000, 300, 1700, 30), r1.totals());
    assertEquals(1, r1.hosts().size());
    assertEquals("10.0.0.1", r1.hosts().get(0).name());
    assertEquals(List.of("cs-0", "cs-1"), r1.hosts().get(0).chunkservers().stream()
        .map(ClusterView.Chunkserver::id).toList());
    assertEquals("::1", report.racks().get(0).hosts().get(0).name());
    assertEquals(1, report.racks().get(2).totals().dead());
  }

  @Test
  void hostOfAnAddress() {
    assertEquals("h", ClusterReport.host("h:1"));
    assertEquals("h", ClusterReport.host("h"));
    assertEquals("-", ClusterReport.host(""));
  }
}
