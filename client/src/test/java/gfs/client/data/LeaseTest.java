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

  @Test
  void eachHopGoesToTheClosestRemainingReplicaSameHostThenSameRack() {
    ChunkserverInfo a1 = onRack("a1", "10.0.1.1", 7300, "rack-a");
    ChunkserverInfo b1 = onRack("b1", "10.0.2.1", 7300, "rack-b");
    ChunkserverInfo a2 = onRack("a2", "10.0.1.2", 7300, "rack-a");
    ChunkserverInfo b1twin = onRack("b1-twin", "10.0.2.1", 7301, "rack-b");
    // The master put a1 first (closest to the client); then b1 before a2 (least loaded).
    Lease lease = lease(List.of(a1, b1, a2, b1twin), b1, List.of(a1, a2, b1twin));
    assertEquals(List.of(a1, a2, b1, b1twin), lease.pushChain(),
        "rack-a is finished before the data crosses to rack-b, where the same host comes next");
  }

  private static ChunkserverInfo onRack(String id, String host, int port, String rack) {
    return ChunkserverInfo.newBuilder().setId(id).setHost(host).setPort(port).setRack(rack).build();
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
