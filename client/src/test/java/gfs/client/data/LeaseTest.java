package gfs.client.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.LeaseInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTest {
  private static final ChunkserverInfo CS1 = server("cs-1", 7301);
  private static final ChunkserverInfo CS2 = server("cs-2", 7302);
  private static final ChunkserverInfo CS3 = server("cs-3", 7303);
  private static final ChunkserverInfo CS4 = server("cs-4", 7304);

  @Test
  void chainFollowsTheMastersClosestFirstOrderNotThePrimary() {
    Lease lease = lease(List.of(CS3, CS1, CS2), CS1, List.of(CS2, CS3));
    assertEquals(List.of(CS3, CS1, CS2), lease.pushChain());
  }

  @Test
  void chainHoldsOnlyLeaseMembersAndEachOnce() {
    // cs-4 is listed as a replica but is not in the lease (e.g. stale): no data for it.
    Lease lease = lease(List.of(CS4, CS2, CS1, CS2), CS1, List.of(CS2));
    assertEquals(List.of(CS2, CS1), lease.pushChain());
  }

  @Test
  void membersMissingFromTheReplicaListGoLast() {
    Lease lease = lease(List.of(CS2), CS1, List.of(CS2, CS3));
    assertEquals(List.of(CS2, CS1, CS3), lease.pushChain());
  }

  private static Lease lease(List<ChunkserverInfo> replicas, ChunkserverInfo primary,
      List<ChunkserverInfo> secondaries) {
    return new Lease(LeaseInfo.newBuilder()
        .setChunk(ChunkLocation.newBuilder().setHandle(0x1f).setVersion(3).addAllReplicas(replicas))
        .setPrimary(primary).addAllSecondaries(secondaries).build(), 1 << 20);
  }

  private static ChunkserverInfo server(String id, int port) {
    return ChunkserverInfo.newBuilder().setId(id).setHost("127.0.0.1").setPort(port).build();
  }
}
