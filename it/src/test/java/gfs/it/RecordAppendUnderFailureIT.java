package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.common.ChannelPool;
import gfs.client.common.Deadline;
import gfs.client.data.ChunkserverCalls;
import gfs.client.data.ReplicaFailure;
import gfs.client.master.MasterClient;
import gfs.client.records.FileRecord;
import gfs.client.records.RecordId;
import gfs.client.records.RecordReader;
import gfs.client.records.RecordWriter;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.GetChunkLocationsRequest;
import gfs.proto.GetChunkLocationsResponse;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Record append: at-least-once, atomic ... duplicates and padding are allowed between
 * records, never torn or interleaved records" and issue 5's record I/O library: four writers,
 * each with its own client, stream framed records to one shared file through RecordWriter;
 * midway a secondary of the file's last chunk is SIGKILLed. Every writer still finishes (its
 * appends are retried on a new lease), and RecordReader over the file then yields every
 * acknowledged record at the offset it was acknowledged at, no record whose bytes differ from
 * what its writer sent (no torn record), and with dedup on each record exactly once.
 */
class RecordAppendUnderFailureIT {
  static final String PATH = "/records/shared.log";
  static final int WRITERS = 4;
  static final int RECORDS_PER_WRITER = 80;
  static final int MAX_PAYLOAD_BYTES = 24 * 1024;
  /** The kill comes once this many records are acknowledged, across writers. */
  static final int KILL_AFTER_RECORDS = WRITERS * RECORDS_PER_WRITER / 3;
  static final long WRITERS_DONE_WITHIN_MS = 120_000;
  /**
   * New versions of the chunk that lost a replica: one replaces the lease, a few more may come
   * while the master still counts the dead server live and grants a lease including it.
   */
  static final long MAX_GRANTS_AFTER_KILL = 6;

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void everyAcknowledgedRecordReadsBackWholeAndOnceWithDedupAfterASecondaryIsKilled()
      throws Exception {
    // The master declares the killed server dead within seconds, so retries get a new lease.
    Map<String, String> settings = Map.of("chunkserver.dead.after.ms", "3000");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 4, "1MB", settings);
         GfsClient setup = cluster.client()) {
      setup.create(PATH, 0, true);
      RecordWriter probeWriter = setup.recordWriter(PATH);
      GfsException tooLarge = assertThrows(GfsException.class,
          () -> probeWriter.append(new byte[(int) probeWriter.maxPayloadBytes() + 1]));
      assertEquals(GfsException.Kind.RECORD_TOO_LARGE, tooLarge.kind());
      assertTrue(tooLarge.getMessage().contains(PATH), tooLarge.getMessage());

      Map<RecordId, byte[]> sent = new ConcurrentHashMap<>();          // every record tried
      Map<RecordId, FileRecord> acknowledged = new ConcurrentHashMap<>();
      Map<RecordId, Long> acknowledgedAtNanos = new ConcurrentHashMap<>();
      AtomicInteger done = new AtomicInteger();
      Gate gate = new Gate();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<Long>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int seed = w;
        writers.add(pool.submit(() -> stream(cluster, seed, sent, acknowledged, acknowledgedAtNanos, done, gate)));
      }
      Killed killed;
      long startNanos = System.nanoTime();
      try {
        awaitAcknowledged(done, KILL_AFTER_RECORDS, writers);
        awaitYoungLastChunk(setup, writers);
        // Writers hold off while the secondary is found and killed, so the chunk cannot fill
        // up meanwhile: their next appends go to it and meet the dead replica.
        gate.close();
        gate.awaitIdle(done);
        try {
          killed = killASecondaryOfTheLastChunk(cluster);
        } finally {
          gate.open();
        }
        for (Future<Long> writer : writers) {
          long leftMs = WRITERS_DONE_WITHIN_MS - (System.nanoTime() - startNanos) / 1_000_000L;
          long writerMs = writer.get(Math.max(1, leftMs), TimeUnit.MILLISECONDS);
          System.out.println("RecordAppendUnderFailureIT: a writer finished in " + writerMs + " ms");
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
      }
      assertEquals(WRITERS * RECORDS_PER_WRITER, acknowledged.size(), "every record acknowledged");
      // The fault hit the appends: the chunk that lost a replica took records after the kill.
      long chunk = setup.chunkSizeBytes();
      long afterKillInChunk = acknowledged.values().stream()
          .filter(r -> r.offset() / chunk == killed.chunkIndex())
          .filter(r -> acknowledgedAtNanos.get(r.id()) > killed.atNanos()).count();
      System.out.println("RecordAppendUnderFailureIT: " + afterKillInChunk + " records acknowledged"
          + " in chunk " + killed.chunkIndex() + " after " + killed.name() + " was killed");
      assertTrue(afterKillInChunk > 0, "appends to chunk " + killed.chunkIndex()
          + " went on after its secondary " + killed.name() + " was killed");
      // Many appenders failing on one lease get one new grant between them, not one each: a
      // client names the version that failed it, and a lease granted since is handed back.
      long grants = versionOf(cluster, killed.chunkIndex()) - killed.version();
      System.out.println("RecordAppendUnderFailureIT: chunk " + killed.chunkIndex() + " went from version "
          + killed.version() + " through " + grants + " new lease grant(s) after the kill");
      assertTrue(grants >= 1 && grants <= MAX_GRANTS_AFTER_KILL, grants + " lease grants on chunk "
          + killed.chunkIndex() + " after one secondary died (at most " + MAX_GRANTS_AFTER_KILL + " expected)");

      try (GfsClient client = cluster.client()) {
        long length = client.length(PATH);
        checkEveryCopy(client, sent, acknowledged, length, killed.name());
        checkDedup(client, acknowledged);
      }

    }
  }

  /** One writer's records; returns the ms it took. */
  private static long stream(LocalCluster cluster, int seed, Map<RecordId, byte[]> sent,
      Map<RecordId, FileRecord> acknowledged, Map<RecordId, Long> acknowledgedAtNanos,
      AtomicInteger done, Gate gate) throws Exception {
    long start = System.nanoTime();
    Random random = new Random(seed);
    try (GfsClient client = cluster.client()) {
      RecordWriter writer = client.recordWriter(PATH);
      for (int r = 0; r < RECORDS_PER_WRITER; r++) {
        gate.pass();
        byte[] payload = new byte[1 + random.nextInt(MAX_PAYLOAD_BYTES)];
        random.nextBytes(payload);
        // The writer numbers its records from 0: record r carries sequence r.
        sent.put(new RecordId(writer.writerId(), r), payload);
        FileRecord placed = writer.appendRecord(payload);
        assertEquals(r, placed.id().sequence());
        acknowledgedAtNanos.put(placed.id(), System.nanoTime());
        acknowledged.put(placed.id(), placed);
        done.incrementAndGet();
      }
    }
    return (System.nanoTime() - start) / 1_000_000L;
  }

  private static void awaitAcknowledged(AtomicInteger done, int count, List<Future<Long>> writers)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITERS_DONE_WITHIN_MS);
    while (done.get() < count) {
      for (Future<Long> writer : writers) {
        if (writer.isDone()) {
          writer.get(); // a writer that failed before the kill fails the test with its cause
        }
      }
      assertTrue(System.nanoTime() < deadline, "only " + done.get() + " records acknowledged");
      Thread.sleep(20);
    }
  }

  /** Holds writers back between records while closed (every wait bounded). */
  private static final class Gate {
    private static final long MAX_CLOSED_MS = 60_000;
    private volatile CountDownLatch closed;

    void close() {
      closed = new CountDownLatch(1);
    }

    void open() {
      CountDownLatch latch = closed;
      closed = null;
      if (latch != null) {
        latch.countDown();
      }
    }

    void pass() throws InterruptedException {
      CountDownLatch latch = closed;
      if (latch != null && !latch.await(MAX_CLOSED_MS, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("writers held back for more than " + MAX_CLOSED_MS + " ms");
      }
    }

    /** Waits (bounded) until no append finished for a moment: those in flight are done. */
    void awaitIdle(AtomicInteger done) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int seen = -1;
      while (done.get() != seen && System.nanoTime() < deadline) {
        seen = done.get();
        Thread.sleep(300);
      }
    }
  }

  /** Which chunkserver was killed, a secondary of which chunk, when (System.nanoTime). */
  private record Killed(String name, long chunkIndex, long version, long atNanos) {}

  /**
   * Waits (bounded) until the file's last chunk is at most a quarter full, so that the kill
   * comes with most of that chunk's appends still to go.
   */
  private static void awaitYoungLastChunk(GfsClient client, List<Future<Long>> writers)
      throws Exception {
    long chunk = client.chunkSizeBytes();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (client.length(PATH) % chunk > chunk / 4 && System.nanoTime() < deadline
        && writers.stream().noneMatch(Future::isDone)) {
      Thread.sleep(20);
    }
  }

  /**
   * Kills a replica of the file's current last chunk that is not its primary (asked of each
   * replica: GetChunkInfo's primary flag); returns its name.
   */
  private static Killed killASecondaryOfTheLastChunk(LocalCluster cluster) throws Exception {
    try (MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()));
         ChannelPool channels = new ChannelPool("it-records")) {
      ChunkserverCalls calls = new ChunkserverCalls(channels, 5_000);
      ChunkLocation last = lastChunk(master);
      ChunkserverInfo secondary = null;
      String primary = "none";
      for (ChunkserverInfo replica : last.getReplicasList()) {
        if (isPrimary(calls, replica, last.getHandle())) {
          primary = replica.getId();
        } else if (secondary == null) {
          secondary = replica;
        }
      }
      assertNotNull(secondary, "a non-primary replica of the last chunk: " + last);
      long atNanos = System.nanoTime();
      cluster.kill(secondary.getId());
      System.out.println("RecordAppendUnderFailureIT: killed " + secondary.getId()
          + ", a secondary of chunk " + last.getChunkIndex() + " (primary " + primary + ", replicas "
          + last.getReplicasList().stream().map(ChunkserverInfo::getId).toList() + ")");
      return new Killed(secondary.getId(), last.getChunkIndex(), last.getVersion(), atNanos);
    }
  }

  /**
   * The file's last chunk as the master knows it; a chunk just added is listed once its
   * replicas have reported it, so this polls (bounded) until the last one has replicas.
   */
  private static ChunkLocation lastChunk(MasterClient master) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      GetChunkLocationsResponse response = master.callChecked("locations of " + PATH,
          Deadline.afterMs(10_000),
          stub -> stub.getChunkLocations(GetChunkLocationsRequest.newBuilder().setPath(PATH).build()),
          GetChunkLocationsResponse::getError);
      long lastIndex = response.getFileChunkCount() - 1;
      for (ChunkLocation chunk : response.getChunksList()) {
        if (chunk.getChunkIndex() == lastIndex && chunk.getReplicasCount() >= 2) {
          return chunk;
        }
      }
      assertTrue(System.nanoTime() < deadline, "no replicas known for chunk " + lastIndex
          + " of " + PATH + ": " + response.getChunksList());
      Thread.sleep(50);
    }
  }

  /** The version the master holds for chunk chunkIndex of the file. */
  private static long versionOf(LocalCluster cluster, long chunkIndex) throws Exception {
    try (MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()))) {
      GetChunkLocationsResponse response = master.callChecked("locations of " + PATH,
          Deadline.afterMs(10_000),
          stub -> stub.getChunkLocations(GetChunkLocationsRequest.newBuilder().setPath(PATH)
              .setFirstChunkIndex(chunkIndex).setChunkCount(1).build()),
          GetChunkLocationsResponse::getError);
      return response.getChunksList().stream().filter(c -> c.getChunkIndex() == chunkIndex)
          .findFirst().orElseThrow().getVersion();
    }
  }

  private static boolean isPrimary(ChunkserverCalls calls, ChunkserverInfo replica, long handle) {
    try {
      GetChunkInfoResponse info = calls.chunkInfo(replica, handle, Deadline.afterMs(5_000));
      return info.getPrimary() && info.getLeaseRemainingMs() > 0;
    } catch (ReplicaFailure | StatusRuntimeException e) {
      return false;
    }
  }

  /**
   * Without dedup: every yielded copy is a record some writer sent, byte for byte (a torn or
   * mixed record would not be), and every acknowledged record is among them at its offset.
   */
  private static void checkEveryCopy(GfsClient client, Map<RecordId, byte[]> sent,
      Map<RecordId, FileRecord> acknowledged, long length, String killed) throws Exception {
    RecordReader reader = client.recordReader(PATH, false);
    Map<Long, RecordId> atOffset = new HashMap<>();
    long previousEnd = 0;
    long chunk = client.chunkSizeBytes();
    FileRecord record;
    while ((record = reader.next()) != null) {
      byte[] expected = sent.get(record.id());
      assertNotNull(expected, "yielded " + record + ": no writer sent that id");
      assertArrayEquals(expected, record.payload(), record + " is byte for byte what was sent");
      assertTrue(record.offset() >= previousEnd, record + " overlaps the previous record");
      assertEquals(record.offset() / chunk, (record.offset() + record.frameBytes() - 1) / chunk,
          record + " straddles a chunk boundary");
      previousEnd = record.offset() + record.frameBytes();
      atOffset.put(record.offset(), record.id());
    }
    for (FileRecord ack : acknowledged.values()) {
      assertEquals(ack.id(), atOffset.get(ack.offset()), "acknowledged " + ack + " is read back there");
    }
    System.out.println("RecordAppendUnderFailureIT: after killing " + killed + ", " + length
        + " bytes hold " + reader.records() + " record copies for " + acknowledged.size()
        + " acknowledged records; " + reader.skippedBytes() + " bytes skipped, "
        + reader.rejectedFrames() + " rejected frames");
  }

  private static void checkDedup(GfsClient client, Map<RecordId, FileRecord> acknowledged)
      throws Exception {
    RecordReader reader = client.recordReader(PATH, true);
    Set<RecordId> seen = new HashSet<>();
    FileRecord record;
    while ((record = reader.next()) != null) {
      assertTrue(seen.add(record.id()), "with dedup " + record.id() + " came twice");
      FileRecord ack = acknowledged.get(record.id());
      assertNotNull(ack, "with dedup, " + record + " was acknowledged");
      assertArrayEquals(ack.payload(), record.payload());
    }
    assertEquals(acknowledged.keySet(), seen, "with dedup every acknowledged record exactly once");
    System.out.println("RecordAppendUnderFailureIT: with dedup " + seen.size() + " records, "
        + reader.duplicatesDropped() + " duplicates dropped");
  }
}
