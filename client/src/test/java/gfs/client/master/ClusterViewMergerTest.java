package gfs.client.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClusterView;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverState;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.DiskUsage;
import gfs.proto.MasterStatus;
import gfs.proto.RaftRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterViewMergerTest {
  private static final String M1 = "127.0.0.1:7101";
  private static final String M2 = "127.0.0.1:7102";
  private static final String M3 = "127.0.0.1:7103";
  private static final List<String> CONFIGURED = List.of(M1, M2, M3);

  @Test
  void everyConfiguredMasterOnceWithChunkserversFromTheLeader() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M1, follower("master-1", M1).build());
    answers.put(M2, leader("master-2", M2)
        // the leader also lists its peers: they must not appear twice
        .addMasters(status("master-1", M1, RaftRole.FOLLOWER, 7, 100))
        .addMasters(status("master-3", M3, RaftRole.FOLLOWER, 7, 90))
        .build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers, Map.of());

    assertEquals("master-2", view.leaderId());
    assertEquals(3, view.masters().size());
    assertEquals(new ClusterView.Master("master-1", M1, "FOLLOWER", 7, 99, 98),
        view.masters().get(0), "a master's own answer wins over what the leader says of it");
    assertEquals("LEADER", view.masters().get(1).role());
    assertEquals(new ClusterView.Master("master-3", M3, ClusterView.UNREACHABLE, 0, 0, 0),
        view.masters().get(2), "unreachable, named by the id the leader knows it by");
    assertEquals(1, view.chunkservers().size());
    ClusterView.Chunkserver cs = view.chunkservers().get(0);
    assertEquals("cs-1", cs.id());
    assertEquals("127.0.0.1:7301", cs.address());
    assertEquals("rack-a", cs.rack());
    assertEquals("LIVE", cs.state());
    assertEquals(1000, cs.capacityBytes());
    assertEquals(12, view.fileCount());
    assertEquals(34, view.chunkCount());
    assertEquals(1 << 20, view.chunkSizeBytes());
    assertEquals(2, view.underReplicatedChunks());
    assertTrue(view.safeMode());
  }

  @Test
  void withoutALeaderAnyAnswerFillsTheRest() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M3, follower("master-3", M3).setChunkSize(4096).build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers, Map.of());
    assertEquals("", view.leaderId());
    assertEquals(List.of(ClusterView.UNREACHABLE, ClusterView.UNREACHABLE, "FOLLOWER"),
        view.masters().stream().map(ClusterView.Master::role).toList());
    assertEquals("?", view.masters().get(0).id());
    assertEquals(4096, view.chunkSizeBytes());
    assertTrue(view.chunkservers().isEmpty());
    assertFalse(view.safeMode());
  }

  @Test
  void silentMasterIsNamedByTheIdItHadBefore() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M2, leader("master-2", M2).build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers,
        Map.of(M1, "master-1", M3, "master-3"));
    assertEquals(List.of("master-1", "master-2", "master-3"),
        view.masters().stream().map(ClusterView.Master::id).toList());
    assertEquals(ClusterView.UNREACHABLE, view.masters().get(0).role());
  }

  @Test
  void peersTheClientWasNotConfiguredWithAreAddedOnce() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M1, leader("master-1", M1)
        .addMasters(status("shadow-1", "127.0.0.1:7104", RaftRole.LISTENER, 7, 50))
        .build());
    answers.put(M2, follower("master-2", M2)
        .addMasters(status("shadow-1", "127.0.0.1:7104", RaftRole.LISTENER, 7, 50))
        .build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers, Map.of());
    assertEquals(List.of("master-1", "master-2", "?", "shadow-1"),
        view.masters().stream().map(ClusterView.Master::id).toList());
    assertEquals("LISTENER", view.masters().get(3).role());
  }

  @Test
  void lagComesFromTheLeaderForEveryPeerIncludingOnesItAloneKnows() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M1, leader("master-1", M1)
        .addPeers(progress("master-2", M2, RaftRole.FOLLOWER, 0))
        .addPeers(progress("master-3", M3, RaftRole.FOLLOWER, 250))
        .addPeers(progress("shadow-1", "127.0.0.1:7104", RaftRole.LISTENER, 12))
        .addPeers(progress("shadow-2", "127.0.0.1:7105", RaftRole.LISTENER, 3))
        .addPeers(progress("master-4", "", RaftRole.FOLLOWER, 7))
        .build());
    answers.put(M2, follower("master-2", M2).build());
    // shadow-1 was discovered through the leader and asked: it answers for itself.
    answers.put("127.0.0.1:7104", ClusterStatusResponse.newBuilder().setAnsweredBy("shadow-1")
        .addMasters(status("shadow-1", "127.0.0.1:7104", RaftRole.LISTENER, 7, 88)).build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers, Map.of());

    assertEquals(List.of("master-1", "master-2", "master-3", "shadow-1", "shadow-2", "master-4"),
        view.masters().stream().map(ClusterView.Master::id).toList());
    assertEquals(List.of(0L, 0L, 250L, 12L, 3L, 7L),
        view.masters().stream().map(ClusterView.Master::lag).toList());
    assertEquals(new ClusterView.Master("shadow-1", "127.0.0.1:7104", "LISTENER", 7, 88, 88, 12),
        view.masters().get(3));
    assertEquals(ClusterView.UNREACHABLE, view.masters().get(2).role(), "configured, silent");
    assertEquals(ClusterView.UNREACHABLE, view.masters().get(4).role(),
        "its address is known and it was asked: silence means unreachable");
    assertEquals("FOLLOWER", view.masters().get(5).role(),
        "no address to ask it at: the leader's word is all there is");
  }

  @Test
  void whenOnlyAShadowAnswersItNamesTheSilentVoters() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    String shadow = "127.0.0.1:7104";
    answers.put(shadow, ClusterStatusResponse.newBuilder().setAnsweredBy("shadow-1")
        .addMasters(status("shadow-1", shadow, RaftRole.LISTENER, 7, 88))
        .addPeers(progress("master-1", M1, RaftRole.FOLLOWER, -1))
        .addPeers(progress("master-2", M2, RaftRole.FOLLOWER, -1))
        .addPeers(progress("master-3", M3, RaftRole.FOLLOWER, -1))
        .build());
    ClusterView view = ClusterViewMerger.merge(List.of(M1, M2, M3, shadow), answers, Map.of());
    assertEquals(List.of("master-1", "master-2", "master-3", "shadow-1"),
        view.masters().stream().map(ClusterView.Master::id).toList());
    assertEquals(List.of(ClusterView.UNREACHABLE, ClusterView.UNREACHABLE, ClusterView.UNREACHABLE,
        "LISTENER"), view.masters().stream().map(ClusterView.Master::role).toList());
    assertEquals(List.of(-1L, -1L, -1L, -1L), view.masters().stream().map(ClusterView.Master::lag).toList());
    assertEquals("", view.leaderId());
  }

  @Test
  void withoutALeaderLagIsUnknown() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M2, follower("master-2", M2).build());
    ClusterView view = ClusterViewMerger.merge(CONFIGURED, answers, Map.of());
    assertEquals(List.of(-1L, -1L, -1L), view.masters().stream().map(ClusterView.Master::lag).toList());
  }

  @Test
  void peersNamedByTheLeaderAndNotYetAskedAreDiscovered() {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    answers.put(M1, leader("master-1", M1)
        .addPeers(progress("master-2", M2, RaftRole.FOLLOWER, 0))
        .addPeers(progress("shadow-1", "127.0.0.1:7104", RaftRole.LISTENER, 0))
        .addPeers(progress("master-4", "", RaftRole.FOLLOWER, 0))
        .build());
    assertEquals(List.of("127.0.0.1:7104"), ClusterStatusCollector.discovered(CONFIGURED, answers));
  }

  private static MasterStatus progress(String id, String address, RaftRole role, long lag) {
    return MasterStatus.newBuilder().setId(id).setAddress(address).setRole(role)
        .setRaftAddress("127.0.0.1:1").setMatchIndex(100 - lag).setLag(lag).build();
  }

  private static ClusterStatusResponse.Builder leader(String id, String address) {
    return ClusterStatusResponse.newBuilder()
        .setAnsweredBy(id)
        .setLeaderId(id)
        .addMasters(status(id, address, RaftRole.LEADER, 7, 100))
        .addChunkservers(ChunkserverStatus.newBuilder()
            .setServer(ChunkserverInfo.newBuilder().setId("cs-1").setHost("127.0.0.1")
                .setPort(7301).setRack("rack-a"))
            .setState(ChunkserverState.LIVE)
            .setDisk(DiskUsage.newBuilder().setCapacityBytes(1000).setUsedBytes(10)
                .setFreeBytes(990))
            .setChunkCount(5)
            .setLastHeartbeatAgeMs(300))
        .setFileCount(12)
        .setChunkCount(34)
        .setChunkSize(1 << 20)
        .setUnderReplicatedChunks(2)
        .setSafeMode(true);
  }

  private static ClusterStatusResponse.Builder follower(String id, String address) {
    return ClusterStatusResponse.newBuilder()
        .setAnsweredBy(id)
        .addMasters(MasterStatus.newBuilder().setId(id).setAddress(address)
            .setRole(RaftRole.FOLLOWER).setTerm(7).setCommitIndex(99).setAppliedIndex(98)
            .setReachable(true));
  }

  private static MasterStatus status(String id, String address, RaftRole role, long term,
      long index) {
    return MasterStatus.newBuilder().setId(id).setAddress(address).setRole(role).setTerm(term)
        .setCommitIndex(index).setAppliedIndex(index).setReachable(true).build();
  }
}
