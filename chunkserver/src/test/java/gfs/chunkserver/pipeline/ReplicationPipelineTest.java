package gfs.chunkserver.pipeline;

import static gfs.chunkserver.TestChunkservers.CHUNK_SIZE;
import static gfs.chunkserver.TestChunkservers.infos;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import gfs.chunkserver.ChunkserverServer;
import gfs.chunkserver.TestChunkservers;
import gfs.metrics.ScrapedText;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverPeerServiceGrpc;
import gfs.proto.CloneChunk;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkInfoRequest;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.MutationKind;
import gfs.proto.MutationRequest;
import gfs.proto.MutationResponse;
import gfs.proto.PushDataResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import gfs.proto.RecordAppendRequest;
import gfs.proto.RecordAppendResponse;
import gfs.proto.WriteRequest;
import gfs.proto.WriteResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real chunkservers in-process. The test plays the master (GrantLease) and the client
 * (push, then Write / RecordAppend to the primary), and checks the replicas from outside
 * with Read and GetChunkInfo.
 */
class ReplicationPipelineTest {
  @TempDir Path dataDir;
  private TestChunkservers cluster;
  private ChunkserverServer cs1;
  private ChunkserverServer cs2;
  private ChunkserverServer cs3;
  private List<ChunkserverServer> all;
  private final AtomicInteger pushIds = new AtomicInteger();
  private final Random random = new Random(1);

  @BeforeEach
  void startThree() throws Exception {
    cluster = new TestChunkservers();
    cs1 = cluster.start(TestChunkservers.config(dataDir, "cs-1", "", Map.of()));
    cs2 = cluster.start(TestChunkservers.config(dataDir, "cs-2", "", Map.of()));
    cs3 = cluster.start(TestChunkservers.config(dataDir, "cs-3", "", Map.of()));
    all = List.of(cs1, cs2, cs3);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** Version {@code version} on all three, cs1 primary with a lease of leaseMs. */
  private void grantAll(long handle, long version, long leaseMs) {
    assertOk(cluster.grant(cs1, handle, version, true, leaseMs, true).getError());
    assertOk(cluster.grant(cs2, handle, version, false, 0, true).getError());
    assertOk(cluster.grant(cs3, handle, version, false, 0, true).getError());
  }

  private static void assertOk(gfs.proto.Error error) {
    assertEquals(ErrorCode.OK, error.getCode(), error.getMessage());
  }

  private String push(ByteString data) throws Exception {
    String id = "data-" + pushIds.incrementAndGet();
    PushDataResponse response = cluster.push(all, id, data);
    assertOk(response.getError());
    return id;
  }

  private ByteString randomData(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  private WriteResponse write(ChunkserverServer primary, long handle, long version, long offset, ByteString data)
      throws Exception {
    return write(primary, secondaries(primary), handle, version, offset, data);
  }

  private WriteResponse write(ChunkserverServer primary, List<ChunkserverInfo> secondaries, long handle, long version,
      long offset, ByteString data) throws Exception {
    String id = push(data);
    return cluster.client(primary).write(WriteRequest.newBuilder().setHandle(handle).setVersion(version)
        .setOffset(offset).setDataId(id).setLength(data.size()).addAllSecondaries(secondaries).build());
  }

  private RecordAppendResponse append(long handle, long version, ByteString record) throws Exception {
    String id = push(record);
    return cluster.client(cs1).recordAppend(RecordAppendRequest.newBuilder().setHandle(handle).setVersion(version)
        .setDataId(id).setLength(record.size()).addAllSecondaries(secondaries(cs1)).build());
  }

  private List<ChunkserverInfo> secondaries(ChunkserverServer primary) {
    List<ChunkserverServer> others = new ArrayList<>(all);
    others.remove(primary);
    return infos(others);
  }

  private ByteString readAll(ChunkserverServer server, long handle) {
    ReadResponse response = cluster.client(server).read(ReadRequest.newBuilder().setHandle(handle)
        .setOffset(0).setLength((int) CHUNK_SIZE).build());
    assertOk(response.getError());
    return response.getData();
  }

  @Test
  void metricsEndpointCountsTheBytesAndTimesEveryCallByOutcome() throws Exception {
    long handle = 0x3a;
    grantAll(handle, 1, 60_000);
    ByteString data = randomData(300_000);
    assertOk(write(cs1, handle, 1, 0, data).getError());
    assertEquals(data, readAll(cs2, handle));
    // A refusal is answered with status OK and an error field: counted under its error code.
    assertEquals(ErrorCode.STALE_VERSION, cluster.client(cs3).read(ReadRequest.newBuilder().setHandle(handle)
        .setVersion(7).setLength(10).build()).getError().getCode());

    ScrapedText primary = scrape(cs1);
    assertTrue(primary.value("gfs_chunkserver_written_bytes_total") >= data.size(), primary::toString);
    assertTrue(primary.value("gfs_chunkserver_pushed_bytes_total") >= data.size(), primary::toString);
    assertEquals(1, primary.value("gfs_rpc_server_seconds_count", "method=\"gfs.ChunkserverService/Write\"",
        "outcome=\"OK\""), primary::toString);
    assertTrue(primary.contains("gfs_rpc_server_seconds_bucket{"), "latency is a histogram");
    assertTrue(primary.contains("rack=\"rack-cs-1\""), "series carry the rack");
    assertTrue(primary.contains("jvm_memory_used_bytes{"), "JVM metrics");
    assertEquals(data.size(), scrape(cs2).value("gfs_chunkserver_read_bytes_total"));
    assertEquals(1, scrape(cs3).value("gfs_rpc_server_seconds_count", "method=\"gfs.ChunkserverService/Read\"",
        "outcome=\"STALE_VERSION\""));

    // The RPC log is switched at run time; a bad switch is refused with the reason.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var on = http.send(java.net.http.HttpRequest.newBuilder(metricsUri(cs1, "/rpclog?enabled=true"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, on.statusCode());
    assertEquals("rpc log on\n", on.body());
    var bad = http.send(java.net.http.HttpRequest.newBuilder(metricsUri(cs1, "/rpclog?enabled=maybe"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("enabled=maybe"), bad.body());
  }

  private static java.net.URI metricsUri(ChunkserverServer server, String path) {
    return java.net.URI.create("http://" + server.metricsAddress() + path);
  }

  private static ScrapedText scrape(ChunkserverServer server) throws Exception {
    return ScrapedText.fetch(server.metricsAddress());
  }

  @Test
  void pushTravelsTheWholeChain() throws Exception {
    ByteString data = randomData(6 << 20);  // many pieces: exercises forwarding flow control
    String id = push(data);
    for (ChunkserverServer server : all) {
      assertTrue(server.pushBuffer().holds(id), server.info().getId() + " holds the pushed data");
      var entry = server.pushBuffer().acquire(id, data.size());
      assertEquals(data, entry.data(), "bytes on " + server.info().getId());
      server.pushBuffer().release(entry, true);
    }
  }

  @Test
  void pushErrorNamesTheReplicaThatFailed() throws Exception {
    ChunkserverInfo dead = ChunkserverInfo.newBuilder().setId("cs-dead").setHost("127.0.0.1").setPort(1).build();
    List<ChunkserverServer> chain = List.of(cs1, cs2);
    PushDataResponse response = cluster.push(chain, "to-dead", randomData(1000));
    assertOk(response.getError());

    // A chain whose last replica does not exist: cs2 reports it, cs1 passes that on.
    var call = gfs.proto.ChunkserverServiceGrpc.newStub(cluster.channel(cs1)).withDeadlineAfter(10, TimeUnit.SECONDS);
    java.util.concurrent.CompletableFuture<PushDataResponse> answer = new java.util.concurrent.CompletableFuture<>();
    var requests = call.pushData(new io.grpc.stub.StreamObserver<>() {
      @Override public void onNext(PushDataResponse r) {
        answer.complete(r);
      }

      @Override public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override public void onCompleted() {}
    });
    requests.onNext(gfs.proto.PushDataRequest.newBuilder().setHeader(gfs.proto.PushDataHeader.newBuilder()
        .setDataId("x").setLength(10).addChain(cs2.info()).addChain(dead)).build());
    requests.onNext(gfs.proto.PushDataRequest.newBuilder().setData(ByteString.copyFrom(new byte[10])).build());
    requests.onCompleted();
    PushDataResponse failed = answer.get(20, TimeUnit.SECONDS);
    assertEquals(ErrorCode.UNAVAILABLE, failed.getError().getCode());
    assertTrue(failed.getError().getMessage().contains("cs-dead (127.0.0.1:1)"), failed.getError().getMessage());
  }

  @Test
  void writesAndAppendsApplyOnEveryReplicaInTheSameOrder() throws Exception {
    long handle = 0x1f;
    grantAll(handle, 1, 60_000);
    byte[] expected = new byte[400_000];
    ByteString first = randomData(250_000);
    assertOk(write(cs1, handle, 1, 0, first).getError());
    first.copyTo(expected, 0);
    ByteString overlap = randomData(100_000);           // overwrites part of the first write
    assertOk(write(cs1, handle, 1, 200_000, overlap).getError());
    overlap.copyTo(expected, 200_000);
    ByteString record = randomData(50_000);
    RecordAppendResponse appended = append(handle, 1, record);
    assertOk(appended.getError());
    assertEquals(300_000, appended.getOffset(), "a record goes at the end of the chunk");
    record.copyTo(expected, 300_000);

    byte[] want = Arrays.copyOf(expected, 350_000);
    for (ChunkserverServer server : all) {
      assertArrayEquals(want, readAll(server, handle).toByteArray(), server.info().getId());
      assertEquals(0, server.pushBuffer().size(), "applied data leaves the buffer of " + server.info().getId());
    }
    GetChunkInfoResponse info = cluster.client(cs1).getChunkInfo(GetChunkInfoRequest.newBuilder().setHandle(handle).build());
    assertTrue(info.getPrimary());
    assertEquals(350_000, info.getLength());
  }

  @Test
  void concurrentAppendsProduceWholeRecordsIdenticalOnEveryReplica() throws Exception {
    long handle = 0x2a;
    grantAll(handle, 1, 60_000);
    int threads = 8;
    int perThread = 6;
    ExecutorService clients = Executors.newFixedThreadPool(threads, gfs.rpc.NamedThreads.factory("test-client", true));
    List<Future<Map<Long, ByteString>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(clients.submit(() -> {
        Map<Long, ByteString> mine = new TreeMap<>();
        for (int i = 0; i < perThread; i++) {
          byte[] bytes = new byte[1000 + thread * 100 + i];
          Arrays.fill(bytes, (byte) (thread * 16 + i));
          ByteString record = ByteString.copyFrom(bytes);
          RecordAppendResponse response = append(handle, 1, record);
          assertOk(response.getError());
          mine.put(response.getOffset(), record);
        }
        return mine;
      }));
    }
    Map<Long, ByteString> records = new TreeMap<>();
    for (Future<Map<Long, ByteString>> result : results) {
      records.putAll(result.get(60, TimeUnit.SECONDS));
    }
    clients.shutdown();
    assertEquals(threads * perThread, records.size(), "every append got its own offset");

    ByteString reference = readAll(cs1, handle);
    long end = 0;
    for (Map.Entry<Long, ByteString> entry : records.entrySet()) {
      assertTrue(entry.getKey() >= end, "records overlap at " + entry.getKey());
      ByteString stored = reference.substring(entry.getKey().intValue(), entry.getKey().intValue() + entry.getValue().size());
      assertEquals(entry.getValue(), stored, "record at " + entry.getKey() + " is whole");
      end = entry.getKey() + entry.getValue().size();
    }
    assertEquals(end, reference.size(), "records are back to back when nothing failed");
    assertEquals(reference, readAll(cs2, handle));
    assertEquals(reference, readAll(cs3, handle));
  }

  @Test
  void recordThatDoesNotFitPadsEveryReplicaAndAnswersChunkFull() throws Exception {
    long handle = 0x33;
    grantAll(handle, 1, 60_000);
    int recordBytes = (int) (CHUNK_SIZE / 4);
    for (int i = 0; i < 3; i++) {
      assertOk(append(handle, 1, randomData(recordBytes - 1000)).getError());
    }
    RecordAppendResponse tooMuch = append(handle, 1, randomData(recordBytes));
    assertOk(tooMuch.getError());
    RecordAppendResponse full = append(handle, 1, randomData(recordBytes));
    assertEquals(ErrorCode.CHUNK_FULL, full.getError().getCode(), full.getError().getMessage());

    ByteString reference = readAll(cs1, handle);
    assertEquals(CHUNK_SIZE, reference.size());
    long used = 3L * (recordBytes - 1000) + recordBytes;
    for (long i = used; i < CHUNK_SIZE; i++) {
      assertEquals(0, reference.byteAt((int) i), "padding byte " + i);
    }
    assertEquals(reference, readAll(cs2, handle));
    assertEquals(reference, readAll(cs3, handle));

    RecordAppendResponse tooLarge = append(handle, 1, randomData(recordBytes + 1));
    assertEquals(ErrorCode.RECORD_TOO_LARGE, tooLarge.getError().getCode());
    assertTrue(tooLarge.getError().getMessage().contains(String.valueOf(recordBytes)), tooLarge.getError().getMessage());
  }

  @Test
  void secondariesWithANewerVersionFenceTheOldPrimary() throws Exception {
    long handle = 0x44;
    grantAll(handle, 1, 60_000);
    assertOk(write(cs1, handle, 1, 0, randomData(1000)).getError());
    // The master grants a new lease (version 2) to cs2 without reaching cs1, which still
    // believes its version-1 lease holds.
    assertOk(cluster.grant(cs2, handle, 2, true, 60_000, false).getError());
    assertOk(cluster.grant(cs3, handle, 2, false, 0, false).getError());

    WriteResponse fenced = write(cs1, handle, 1, 0, randomData(1000));
    assertEquals(ErrorCode.SECONDARY_FAILED, fenced.getError().getCode());
    String message = fenced.getError().getMessage();
    assertTrue(message.contains("cs-2") && message.contains("cs-3") && message.contains("STALE_VERSION"), message);

    ByteString before = readAll(cs2, handle);
    ByteString update = randomData(500);
    assertOk(write(cs2, List.of(cs3.info()), handle, 2, 100, update).getError());
    assertEquals(update, readAll(cs3, handle).substring(100, 600), "the new primary's writes reach cs3");
    assertEquals(before.substring(0, 100), readAll(cs3, handle).substring(0, 100));

    // A grant older than what a replica holds is refused with its current version.
    var stale = cluster.grant(cs2, handle, 1, true, 60_000, false);
    assertEquals(ErrorCode.STALE_VERSION, stale.getError().getCode());
    assertEquals(2, stale.getCurrentVersion());
  }

  /**
   * SPEC "never torn or interleaved records": cs3 misses an append the others applied (as when
   * its disk was full), then becomes primary of the next lease. Its own end is short of theirs;
   * appending there would overwrite the start of their record and leave its tail. They refuse,
   * and the retried append lands past their end: every replica holds whole records and zeros.
   */
  @Test
  void aPrimaryBehindItsSecondariesNeverTearsTheirRecords() throws Exception {
    long handle = 0x4b;
    grantAll(handle, 1, 60_000);
    ByteString first = ByteString.copyFrom(new byte[1000]).concat(randomData(1000));
    assertOk(append(handle, 1, first).getError());
    ByteString missed = randomData(3000);
    String missedId = push(missed);
    RecordAppendResponse partial = cluster.client(cs1).recordAppend(RecordAppendRequest.newBuilder()
        .setHandle(handle).setVersion(1).setDataId(missedId).setLength(missed.size())
        .addAllSecondaries(infos(List.of(cs2))).build());
    assertOk(partial.getError());
    assertEquals(2000, partial.getOffset());

    // The next lease makes cs3, which ends at 2000, the primary; cs1 and cs2 end at 5000.
    assertOk(cluster.grant(cs3, handle, 2, true, 60_000, false).getError());
    assertOk(cluster.grant(cs1, handle, 2, false, 0, false).getError());
    assertOk(cluster.grant(cs2, handle, 2, false, 0, false).getError());
    ByteString shorter = randomData(1000);
    RecordAppendResponse refused = appendVia(cs3, handle, 2, shorter);
    assertEquals(ErrorCode.SECONDARY_FAILED, refused.getError().getCode(), refused.getError().getMessage());
    assertTrue(refused.getError().getMessage().contains("ends at 5000"), refused.getError().getMessage());
    for (ChunkserverServer server : List.of(cs1, cs2)) {
      assertEquals(missed, readAll(server, handle).substring(2000, 5000),
          "the record " + server.info().getId() + " holds at 2000 is whole");
    }

    RecordAppendResponse retried = appendVia(cs3, handle, 2, shorter);
    assertOk(retried.getError());
    assertEquals(5000, retried.getOffset(), "the retry lands past every replica's end");
    for (ChunkserverServer server : all) {
      ByteString data = readAll(server, handle);
      String id = server.info().getId();
      assertEquals(6000, data.size(), id);
      assertEquals(first, data.substring(0, 2000), id);
      // The others kept the record cs3 missed; cs3 has the refused attempt's whole copy there
      // (a duplicate), then zeros.
      ByteString expectedGap = server == cs3 ? shorter.concat(ByteString.copyFrom(new byte[2000])) : missed;
      assertEquals(expectedGap, data.substring(2000, 5000), id + " at 2000..5000");
      assertEquals(shorter, data.substring(5000, 6000), id);
    }
  }

  private RecordAppendResponse appendVia(ChunkserverServer primary, long handle, long version, ByteString record)
      throws Exception {
    String id = push(record);
    return cluster.client(primary).recordAppend(RecordAppendRequest.newBuilder().setHandle(handle)
        .setVersion(version).setDataId(id).setLength(record.size()).addAllSecondaries(secondaries(primary)).build());
  }

  @Test
  void primaryRefusesWithoutAValidLease() throws Exception {
    long handle = 0x55;
    grantAll(handle, 1, 300);
    Thread.sleep(400);
    WriteResponse expired = write(cs1, handle, 1, 0, randomData(100));
    assertEquals(ErrorCode.LEASE_EXPIRED, expired.getError().getCode(), expired.getError().getMessage());
    WriteResponse notPrimary = write(cs2, handle, 1, 0, randomData(100));
    assertEquals(ErrorCode.NOT_PRIMARY, notPrimary.getError().getCode());
    assertOk(cluster.grant(cs1, handle, 2, true, 60_000, false).getError());
    WriteResponse staleRequest = write(cs1, handle, 1, 0, randomData(100));
    assertEquals(ErrorCode.STALE_VERSION, staleRequest.getError().getCode());
    WriteResponse notPushed = cluster.client(cs1).write(WriteRequest.newBuilder().setHandle(handle).setVersion(2)
        .setDataId("never-pushed").setLength(5).build());
    assertEquals(ErrorCode.DATA_NOT_PUSHED, notPushed.getError().getCode());
    assertEquals(0, readAll(cs1, handle).size(), "nothing was applied");
  }

  @Test
  void secondaryNeverAppliesASerialTwice() throws Exception {
    long handle = 0x66;
    assertOk(cluster.grant(cs2, handle, 1, false, 0, true).getError());
    var peer = ChunkserverPeerServiceGrpc.newBlockingStub(cluster.channel(cs2)).withDeadlineAfter(10, TimeUnit.SECONDS);
    String id = "direct";
    assertOk(cluster.push(List.of(cs2), id, randomData(10)).getError());
    MutationRequest mutation = MutationRequest.newBuilder().setHandle(handle).setVersion(1).setSerial(5)
        .setKind(MutationKind.WRITE).setOffset(0).setDataId(id).setLength(10).build();
    MutationResponse first = peer.applyMutation(mutation);
    assertOk(first.getError());
    assertOk(cluster.push(List.of(cs2), id, randomData(10)).getError());
    MutationResponse again = peer.applyMutation(mutation);
    assertEquals(ErrorCode.INVALID_ARGUMENT, again.getError().getCode());
    assertTrue(again.getError().getMessage().contains("serial 5"), again.getError().getMessage());
    MutationResponse staleVersion = peer.applyMutation(mutation.toBuilder().setVersion(0).setSerial(6).build());
    assertEquals(ErrorCode.STALE_VERSION, staleVersion.getError().getCode());
  }

  @Test
  void cloneCopiesAWholeChunkFromAPeer() throws Exception {
    long handle = 0x77;
    assertOk(cluster.grant(cs1, handle, 3, true, 60_000, true).getError());
    ByteString data = randomData(700_000);  // several 1 MB-or-less pieces' worth of blocks
    String id = "clone-data";
    assertOk(cluster.push(List.of(cs1), id, data).getError());
    assertOk(cluster.client(cs1).write(WriteRequest.newBuilder().setHandle(handle).setVersion(3)
        .setDataId(id).setLength(data.size()).build()).getError());

    boolean cloned = cs3.cloner().cloneNow(CloneChunk.newBuilder().setHandle(handle).setVersion(3)
        .setSource(cs1.info()).build());
    assertTrue(cloned);
    assertEquals(data, readAll(cs3, handle));
    assertEquals(3, cs3.store().record(handle).orElseThrow().version());

    gfs.chunkserver.ChunkserverException stale = org.junit.jupiter.api.Assertions.assertThrows(
        gfs.chunkserver.ChunkserverException.class, () -> cs2.cloner().cloneNow(CloneChunk.newBuilder()
            .setHandle(handle).setVersion(4).setSource(cs1.info()).build()));
    assertEquals(ErrorCode.STALE_VERSION, stale.code());
    assertTrue(cs2.store().record(handle).isEmpty());
    assertEquals(Collections.emptyList(), cs2.store().records());
  }
}
