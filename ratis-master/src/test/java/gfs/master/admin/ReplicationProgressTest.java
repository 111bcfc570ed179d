package gfs.master.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.proto.MasterStatus;
import gfs.proto.RaftRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationProgressTest {
  @Test
  void lagIsEntriesMissingBehindTheLeadersLastEntry() {
    List<MasterStatus> statuses = ReplicationProgress.statuses(120, List.of(
            new ReplicationProgress.Follower("master-2", "h:2", false, 120, 15),
            new ReplicationProgress.Follower("shadow-1", "h:4", true, 100, 40),
            new ReplicationProgress.Follower("master-3", "h:3", false, -1, 9_000)),
        id -> Map.of("master-2", "h:12", "shadow-1", "h:14").getOrDefault(id, ""));
    assertEquals(3, statuses.size());
    assertEquals(MasterStatus.newBuilder().setId("master-2").setAddress("h:12").setRaftAddress("h:2")
        .setRole(RaftRole.FOLLOWER).setMatchIndex(120).setLag(0).setLastContactMs(15).build(), statuses.get(0));
    assertEquals(RaftRole.LISTENER, statuses.get(1).getRole());
    assertEquals(20, statuses.get(1).getLag());
    assertEquals(121, statuses.get(2).getLag(), "nothing matched yet: the whole log is missing");
  }

  @Test
  void otherMastersTellWhoThePeersAreButNotTheirLag() {
    List<MasterStatus> statuses = ReplicationProgress.members(List.of(
        new Member("master-1", "h:1", false), new Member("shadow-1", "h:4", true)), id -> "");
    assertEquals(RaftRole.FOLLOWER, statuses.get(0).getRole());
    assertEquals(RaftRole.LISTENER, statuses.get(1).getRole());
    assertEquals("h:4", statuses.get(1).getRaftAddress());
    assertEquals(ReplicationProgress.UNKNOWN, statuses.get(1).getLag());
    assertEquals(ReplicationProgress.UNKNOWN, statuses.get(1).getMatchIndex());
  }

  @Test
  void aFollowerAheadOfTheLeadersLogIsNotNegativelyLate() {
    assertEquals(0, ReplicationProgress.lag(10, 12));
  }
}
