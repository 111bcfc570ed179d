package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.common.ChannelPool;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.data.ChunkserverCalls;
import gfs.client.data.DataPusher;
import gfs.client.data.ReplicaFailure;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverPeerServiceGrpc;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.MutationKind;
import gfs.proto.MutationRequest;
import gfs.proto.MutationResponse;
import gfs.proto.ReadOptions;
import gfs.proto.ReadRequest;
import gfs.proto.RequestHeader;
import gfs.proto.WriteRequest;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Leases: at most one primary can get a mutation accepted for a chunk at any time,
 * across ... paused or partitioned primaries": the primary of a chunk is paused (SIGSTOP)
 * with its 60 s lease still running; once the master has noticed it is gone, another client
 * writes the same region (the master fences the old primary with a new version on the other
 * replicas and grants a new lease instead of waiting the old one out), then the old primary is
 * resumed, still believing in its lease, and sent a mutation under the old lease exactly as a
 * client that still holds that lease would send it. No replica may accept it: every replica at
 * the current version holds the new writer's bytes.
 *
 * <p>GfsClient retries a refused write with a fresh lease (a legitimate new mutation), so the
 * old-lease mutation is sent with the client library's own chunkserver calls (push along the
 * old chain, then Write to the old primary with the old version and secondaries), and, as the
 * old primary would forward it, as ApplyMutation straight to each other replica.
 */
class PausedPrimaryIT {
  static final int REGION_BYTES = 64 * 1024;
  static final long RPC_TIMEOUT_MS = 3_000;
  static final String PATH = "/paused/file";

  @TempDir Path dir;

  /**
   * The chunk's location once it shows `replicas` replicas (a grant to one chunkserver may
   * fail at creation on a loaded machine; re-replication then adds the missing one), or the
   * last location seen after timeoutMs.
   */
  private static ChunkLocation awaitReplicas(ChunkLocator locator, int replicas, long timeoutMs)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    ChunkLocation location = locator.fetch(PATH, 0, Deadline.afterMs(10_000)).location();
    while (location.getReplicasCount() < replicas && System.nanoTime() < deadline) {
      Thread.sleep(250);
      location = locator.fetch(PATH, 0, Deadline.afterMs(10_000)).location();
    }
    return location;
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aPausedPrimaryResumedAfterANewLeaseWasGrantedGetsNoReplicaToAcceptItsMutation()
      throws Exception {
    // A short re-replication scan: a replica whose creation failed on a loaded machine is
    // restored before the test pauses the primary.
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB",
            Map.of("replication.scan.interval.ms", "1000"));
         ChannelPool channels = new ChannelPool("it-paused-primary");
         MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()))) {
      ClientConfig base = ClientConfig.load(cluster.clientConf());
      // The cluster's client settings, with a long operation bound so that the new writer
      // may wait for the master to fence the paused primary.
      ClientConfig config = base.withOperationTimeoutMs(120_000);
      ChunkserverCalls calls = new ChunkserverCalls(channels, RPC_TIMEOUT_MS);
      ChunkLocator locator = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
          ReadOptions.getDefaultInstance());

      byte[] first = filled('A');
      try (GfsClient writer = GfsClient.connect(config)) {
        writer.create(PATH, 0, true);
        writer.write(PATH, 0, first, 0, first.length);
      }
      // Re-replication leaves a chunk alone while a lease on it may be held (60 s here).
      ChunkLocation before = awaitReplicas(locator, 3, 90_000);
      long handle = before.getHandle();
      long oldVersion = before.getVersion();
      assertEquals(3, before.getReplicasCount(), "three replicas of the chunk: " + before);
      ChunkserverInfo oldPrimary = primaryOf(calls, before);
      List<ChunkserverInfo> oldSecondaries = before.getReplicasList().stream()
          .filter(r -> !r.getId().equals(oldPrimary.getId())).toList();

      byte[] second = filled('B');
      long pausedAt = System.nanoTime();
      cluster.pause(oldPrimary.getId());
      long newWriteMs;
      ChunkLocation after;
      try {
        // Once the master has declared it dead it no longer hands out its lease, and the
        // new writer's lease request makes the master fence it.
        awaitState(cluster, oldPrimary.getId(), "DEAD", 30_000);
        try (GfsClient writer = GfsClient.connect(config)) {
          writer.write(PATH, 0, second, 0, second.length);
        }
        newWriteMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
        after = locator.fetch(PATH, 0, Deadline.afterMs(10_000)).location();
      } finally {
        cluster.resume(oldPrimary.getId());
      }
      long resumedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
      assertTrue(after.getVersion() > oldVersion, "the new lease came with a new version: "
          + oldVersion + " -> " + after.getVersion());
      System.out.println("PausedPrimaryIT: primary " + oldPrimary.getId() + " of chunk 0x"
          + Long.toHexString(handle) + " paused at version " + oldVersion + "; the other writer"
          + " succeeded after " + newWriteMs + " ms at version " + after.getVersion()
          + "; resumed after " + resumedAfterMs + " ms; old primary now says: "
          + describe(calls, oldPrimary, handle));

      // A client that still holds the old lease: pushes along the old chain, writes to the old primary.
      byte[] stale = filled('X');
      String dataId = "it-old-lease-" + System.nanoTime();
      List<ChunkserverInfo> oldChain = new ArrayList<>();
      oldChain.add(oldPrimary);
      oldChain.addAll(oldSecondaries);
      new DataPusher(calls).push(oldChain, dataId, stale, 0, stale.length, Deadline.afterMs(30_000));
      WriteRequest write = WriteRequest.newBuilder()
          .setHeader(RequestHeader.newBuilder().setClientId("it-old-lease-holder").setCallId(1))
          .setHandle(handle).setVersion(oldVersion).setOffset(0).setDataId(dataId)
          .setLength(stale.length).addAllSecondaries(oldSecondaries).build();
      ErrorCode writeOutcome = outcome(() -> calls.write(oldPrimary, write, Deadline.afterMs(30_000)));
      System.out.println("PausedPrimaryIT: old-lease Write to " + oldPrimary.getId() + " -> " + writeOutcome);
      assertNotEquals(ErrorCode.OK, writeOutcome, "the old primary cannot complete a mutation");

      // The mutation as the old primary forwards it, straight to every other replica.
      Map<String, ErrorCode> forwarded = new LinkedHashMap<>();
      for (ChunkserverInfo secondary : oldSecondaries) {
        MutationRequest mutation = MutationRequest.newBuilder().setHandle(handle)
            .setVersion(oldVersion).setSerial(1L << 40).setKind(MutationKind.WRITE).setOffset(0)
            .setDataId(dataId).setLength(stale.length).build();
        MutationResponse response = ChunkserverPeerServiceGrpc.newBlockingStub(
                channels.get(secondary.getHost() + ":" + secondary.getPort()))
            .withDeadlineAfter(10, TimeUnit.SECONDS).applyMutation(mutation);
        forwarded.put(secondary.getId(), response.getError().getCode());
      }
      System.out.println("PausedPrimaryIT: old-version ApplyMutation -> " + forwarded);
      forwarded.forEach((id, code) -> assertNotEquals(ErrorCode.OK, code,
          id + " refuses a mutation at the fenced version " + oldVersion));

      // Let heartbeats tell the masters what the resumed server holds, then read every replica.
      Thread.sleep(3_000);
      ChunkLocation now = locator.fetch(PATH, 0, Deadline.afterMs(10_000)).location();
      Map<String, ChunkserverInfo> replicas = new LinkedHashMap<>();
      now.getReplicasList().forEach(r -> replicas.put(r.getId(), r));
      oldSecondaries.forEach(r -> replicas.put(r.getId(), r));
      GetChunkInfoResponse oldPrimaryNow = calls.chunkInfo(oldPrimary, handle, Deadline.afterMs(5_000));
      if (oldPrimaryNow.getVersion() >= now.getVersion()) {
        replicas.put(oldPrimary.getId(), oldPrimary); // claims to be current: must be
      }
      for (ChunkserverInfo replica : replicas.values()) {
        GetChunkInfoResponse info = calls.chunkInfo(replica, handle, Deadline.afterMs(5_000));
        byte[] data = calls.read(replica, ReadRequest.newBuilder().setHandle(handle).setVersion(0)
            .setOffset(0).setLength(REGION_BYTES).build(), Deadline.afterMs(10_000)).getData().toByteArray();
        assertTrue(info.getVersion() > oldVersion, replica.getId() + " is at a version newer than the"
            + " fenced " + oldVersion + ": " + info.getVersion());
        assertArrayEquals(second, data, replica.getId() + " (version " + info.getVersion()
            + ") holds the new writer's bytes, first byte '" + (char) data[0] + "'");
      }
      try (GfsClient reader = GfsClient.connect(config)) {
        byte[] read = new byte[REGION_BYTES];
        assertEquals(REGION_BYTES, reader.read(PATH, 0, read, 0, read.length));
        assertArrayEquals(second, read, "a client reads the new writer's bytes");
      }
    }
  }

  private static void awaitState(LocalCluster cluster, String chunkserverId, String state,
      long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try (GfsClient client = cluster.client()) {
      while (true) {
        for (ClusterView.Chunkserver server : client.clusterStatus().chunkservers()) {
          if (server.id().equals(chunkserverId) && server.state().equals(state)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(chunkserverId + " not " + state + " within " + timeoutMs + " ms");
        }
        Thread.sleep(200);
      }
    }
  }

  /** The one replica that says it holds a running lease on the chunk. */
  private static ChunkserverInfo primaryOf(ChunkserverCalls calls, ChunkLocation chunk)
      throws ReplicaFailure {
    List<ChunkserverInfo> primaries = new ArrayList<>();
    for (ChunkserverInfo replica : chunk.getReplicasList()) {
      GetChunkInfoResponse info = calls.chunkInfo(replica, chunk.getHandle(), Deadline.afterMs(5_000));
      if (info.getPrimary() && info.getLeaseRemainingMs() > 0) {
        primaries.add(replica);
      }
    }
    assertEquals(1, primaries.size(), "exactly one replica holds the lease after a write: " + primaries);
    return primaries.get(0);
  }

  private interface Call {
    Object run() throws ReplicaFailure;
  }

  private static ErrorCode outcome(Call call) {
    try {
      call.run();
      return ErrorCode.OK;
    } catch (ReplicaFailure failure) {
      return failure.code();
    }
  }

  private static String describe(ChunkserverCalls calls, ChunkserverInfo server, long handle) {
    try {
      GetChunkInfoResponse info = calls.chunkInfo(server, handle, Deadline.afterMs(5_000));
      return "version " + info.getVersion() + ", primary " + info.getPrimary()
          + ", lease remaining " + info.getLeaseRemainingMs() + " ms";
    } catch (ReplicaFailure | StatusRuntimeException e) {
      return e.getMessage();
    }
  }

  private static byte[] filled(char c) {
    byte[] data = new byte[REGION_BYTES];
    Arrays.fill(data, (byte) c);
    return data;
  }
}
