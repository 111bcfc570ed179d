package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.common.ChannelPool;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.data.ChunkserverCalls;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ReadOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Bad input ... a dead peer ... gets a clear error naming the problem, and loses no
 * data": a client whose RPC deadline is shorter than the master's lease decision (here: the
 * primary is paused, so the master first tries to revoke its lease, which takes the master's
 * own RPC timeout) must not leave the chunk without any up-to-date replica. Whatever the
 * impatient writer saw, the file stays readable and writable for everyone else.
 */
class ShortClientDeadlineIT {
  static final int REGION_BYTES = 64 * 1024;
  static final String PATH = "/deadline/file";

  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void anImpatientWriterDuringALeaseChangeLeavesTheChunkReadableAndWritable() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, "1MB");
         ChannelPool channels = new ChannelPool("it-short-deadline");
         MasterClient master = new MasterClient(ClientConfig.load(cluster.clientConf()))) {
      ClientConfig patient = ClientConfig.load(cluster.clientConf()).withOperationTimeoutMs(120_000);
      byte[] first = filled('A');
      try (GfsClient writer = GfsClient.connect(patient)) {
        writer.create(PATH, 0, true);
        writer.write(PATH, 0, first, 0, first.length);
      }
      ChunkLocation chunk = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
          ReadOptions.getDefaultInstance()).fetch(PATH, 0, Deadline.afterMs(10_000)).location();
      ChunkserverCalls calls = new ChunkserverCalls(channels, 3_000);
      ChunkserverInfo primary = null;
      for (ChunkserverInfo replica : chunk.getReplicasList()) {
        if (calls.chunkInfo(replica, chunk.getHandle(), Deadline.afterMs(5_000)).getPrimary()) {
          primary = replica;
        }
      }
      assertEquals(true, primary != null, "a replica holds the lease: " + chunk);

      cluster.pause(primary.getId());
      String impatientOutcome;
      try (GfsClient impatient = GfsClient.connect(
          new ClientConfig(patient.masters(), 2_000, 40_000, 60_000, false))) {
        impatient.write(PATH, 0, filled('B'), 0, REGION_BYTES);
        impatientOutcome = "succeeded";
      } catch (GfsException e) {
        impatientOutcome = "failed: " + e.getMessage();
      } finally {
        cluster.resume(primary.getId());
      }
      System.out.println("ShortClientDeadlineIT: the impatient write " + impatientOutcome);

      Thread.sleep(3_000); // a heartbeat round: the masters hear from the resumed server
      byte[] third = filled('C');
      try (GfsClient writer = GfsClient.connect(patient)) {
        byte[] read = new byte[REGION_BYTES];
        assertEquals(REGION_BYTES, writer.read(PATH, 0, read, 0, read.length),
            "the chunk is still readable");
        writer.write(PATH, 0, third, 0, third.length);
        assertEquals(REGION_BYTES, writer.read(PATH, 0, read, 0, read.length));
        assertArrayEquals(third, read, "and writable");
      }
    }
  }

  private static byte[] filled(char c) {
    byte[] data = new byte[REGION_BYTES];
    Arrays.fill(data, (byte) c);
    return data;
  }
}
