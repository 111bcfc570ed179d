package gfs.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.client.ClusterView;
import gfs.client.FileStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
  private static final ClusterView VIEW = new ClusterView("master-2",
      List.of(new ClusterView.Master("master-1", "127.0.0.1:7101", "FOLLOWER", 3, 120, 119, 1),
          new ClusterView.Master("master-2", "127.0.0.1:7102", "LEADER", 3, 120, 120, 0),
          new ClusterView.Master("shadow-1", "127.0.0.1:7104", ClusterView.UNREACHABLE, 0, 0, 0, -1)),
      List.of(new ClusterView.Chunkserver("chunkserver-1", "127.0.0.1:7301", "rack-1", "LIVE",
          4L << 30, 1L << 30, 3L << 30, 17, 400)),
      5, 17, 1 << 20, 2, 1, false);

  @Test
  void clusterTablesForPeople() {
    assertEquals(List.of(
        "ID        ADDRESS         ROLE         TERM  COMMIT  APPLIED  LAG",
        "master-1  127.0.0.1:7101  FOLLOWER        3     120      119    1",
        "master-2  127.0.0.1:7102  LEADER          3     120      120    0",
        "shadow-1  127.0.0.1:7104  UNREACHABLE     -       -        -    -"),
        Views.mastersTable(VIEW).lines());
    assertEquals(List.of(
        "ID             ADDRESS         RACK    STATE            USED/CAPACITY  CHUNKS  CLONES  TO DRAIN  HEARTBEAT",
        "chunkserver-1  127.0.0.1:7301  rack-1  LIVE   1.0 GiB / 4.0 GiB (25%)      17       0         -   0.4s ago"),
        Views.chunkserversTable(VIEW).lines());
  }

  @Test
  void clusterJsonHasStableKeys() {
    assertEquals("{\"leader\":\"master-2\",\"reported_by\":\"master-2\",\"files\":5,\"chunks\":17,\"chunk_size\":1048576,"
        + "\"under_replicated_chunks\":2,\"missing_chunks\":1,\"safe_mode\":false,"
        + "\"over_replicated_chunks\":0,\"clones_in_flight\":0,\"deleted_entries\":0,"
        + "\"masters\":[{\"id\":\"master-1\",\"address\":\"127.0.0.1:7101\",\"role\":\"FOLLOWER\","
        + "\"term\":3,\"commit_index\":120,\"applied_index\":119,\"lag\":1},{\"id\":\"master-2\","
        + "\"address\":\"127.0.0.1:7102\",\"role\":\"LEADER\",\"term\":3,\"commit_index\":120,"
        + "\"applied_index\":120,\"lag\":0},{\"id\":\"shadow-1\",\"address\":\"127.0.0.1:7104\","
        + "\"role\":\"UNREACHABLE\",\"term\":0,\"commit_index\":0,\"applied_index\":0,"
        + "\"lag\":null}],\"chunkservers\":[{\"id\":\"chunkserver-1\","
        + "\"address\":\"127.0.0.1:7301\",\"rack\":\"rack-1\",\"state\":\"LIVE\","
        + "\"used_bytes\":1073741824,\"capacity_bytes\":4294967296,\"free_bytes\":3221225472,"
        + "\"chunks\":17,\"heartbeat_age_ms\":400,\"chunks_to_drain\":0,\"clones_in_flight\":0}]}", Json.write(Views.cluster(VIEW)));
  }

  @Test
  void fileJson() {
    FileStatus file = new FileStatus("/logs/a.log", false, 10, 3, "ops", 0644, 1000, 1, 1 << 20, 0);
    assertEquals("{\"path\":\"/logs/a.log\",\"name\":\"a.log\",\"type\":\"file\",\"length\":10,"
        + "\"replication\":3,\"owner\":\"ops\",\"mode\":\"0644\",\"modification_time_ms\":1000,"
        + "\"chunks\":1,\"chunk_size\":1048576}", Json.write(Views.file(file)));
  }
}
