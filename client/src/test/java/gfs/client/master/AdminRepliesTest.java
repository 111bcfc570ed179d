package gfs.client.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.client.FsckReport;
import gfs.proto.ChunkHealth;
import gfs.proto.ChunkserverInfo;
import gfs.proto.FsckChunk;
import gfs.proto.FsckFile;
import gfs.proto.FsckReplica;
import gfs.proto.FsckResponse;
import gfs.proto.ReplicaState;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminRepliesTest {
  @Test
  void everyHealthAndReplicaStateHasAPlainName() {
    for (ChunkHealth health : ChunkHealth.values()) {
      if (health != ChunkHealth.UNRECOGNIZED) {
        assertEquals(true, FsckReport.HEALTHS.contains(AdminReplies.health(health)), health.name());
      }
    }
    assertEquals("DECOMMISSIONING", AdminReplies.state(ReplicaState.REPLICA_DECOMMISSIONING));
  }

  @Test
  void anFsckAnswerBecomesTheReport() {
    FsckResponse response = FsckResponse.newBuilder().setPath("/d").setHealthy(false).setTruncated(true)
        .addFiles(FsckFile.newBuilder().setPath("/d/f").setLength(7).setReplication(3).setChunkCount(1)
            .setHealth(ChunkHealth.CHUNK_MISSING)
            .addChunks(FsckChunk.newBuilder().setIndex(0).setHandle(9).setVersion(2).setGoal(3)
                .setHealth(ChunkHealth.CHUNK_MISSING)
                .addReplicas(FsckReplica.newBuilder().setState(ReplicaState.REPLICA_DEAD).setVersion(2)
                    .setServer(ChunkserverInfo.newBuilder().setId("cs-1").setHost("h").setPort(5).setRack("r")))
                .addReplicas(FsckReplica.newBuilder().setState(ReplicaState.REPLICA_STALE)
                    .setServer(ChunkserverInfo.newBuilder().setId("cs-2")))))
        .build();
    FsckReport report = AdminReplies.fsck(response);
    assertEquals("/d", report.path());
    FsckReport.Chunk chunk = report.files().get(0).chunks().get(0);
    assertEquals("MISSING", chunk.health());
    assertEquals(List.of(new FsckReport.Replica("cs-1", "h:5", "r", 2, "DEAD"),
        new FsckReport.Replica("cs-2", "", "", 0, "STALE")), chunk.replicas());
    assertEquals(true, report.truncated());
  }
}
