package gfs.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.fault.history.Op;
import gfs.fault.history.Payloads;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC "Bad input (... a full disk ...) gets a clear error naming the problem, and loses no
 * data", and placement on below-average disk use: every chunkserver's data dir is a small
 * tmpfs (cs-1 12 MB, the others 32 MB). Besides the workload, a filler writes 1 MB files (one
 * chunk each) until the cluster has no room. Checked: writes go on after cs-1 is full (they
 * move to the chunkservers with room: more than cs-1 could ever hold is written); once none
 * has room writes fail with an error naming the full disk ({@link #namesFullDisk}); and the checkers
 * find every acknowledged write and append of the workload.
 */
class DiskFullFaultIT {
  static final long SEED = 9_006;
  static final int FILL_BYTES = 1 << 20;
  static final int FILLER = 50;

  /**
   * A clear "no room" error: DISK_FULL or NO_CHUNKSERVERS, or a failed mutation whose message
   * names the full disk of a replica (a write to an existing chunk fails on its secondaries).
   */
  static boolean namesFullDisk(GfsException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return EnumSet.of(GfsException.Kind.DISK_FULL, GfsException.Kind.NO_CHUNKSERVERS).contains(e.kind())
        || message.contains("disk full") || message.contains("disk_full") || message.contains("no room");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void writesMoveToChunkserversWithRoomAndFailClearlyWhenNoneHasAny() throws Exception {
    Map<String, Integer> disksMb = Map.of("cs-1", 12, "cs-2", 32, "cs-3", 32, "cs-4", 32, "cs-5", 32);
    FaultRun.run("disk-full", SEED, 90_000, disksMb, (cluster, history, random, until) -> {
      int written = 0;
      List<String> errors = new ArrayList<>();
      try (GfsClient client = GfsClient.connect(FaultRun.linearizable(cluster.clientConfig(20_000)))) {
        client.mkdir("/fill", true);
        for (int k = 0; System.nanoTime() < until && errors.size() < 3; k++) {
          String path = "/fill/f" + k;
          byte[] data = Payloads.write(FILLER, k, 0, FILL_BYTES);
          int create = history.invoke("filler", Op.Kind.CREATE, path);
          int write = -1;
          try {
            client.create(path);
            history.ok(create, null);
            write = history.invoke("filler", Op.Kind.WRITE, path, null, 0, FILL_BYTES, FILLER, k);
            client.write(path, 0, data, 0, data.length);
            history.ok(write, null);
            written++;
            errors.clear();
          } catch (GfsException e) {
            history.fail(write >= 0 ? write : create, e.kind() + " " + e.getMessage());
            if (namesFullDisk(e)) {
              errors.add(e.kind() + ": " + e.getMessage());
            } else {
              errors.clear(); // a fault of another kind (a timeout under load): not "no room" yet
              Thread.sleep(500);
            }
          }
        }
      }
      System.out.println("disk-full: " + written + " MB written by the filler; last errors " + errors);
      assertTrue(written > 12, "seed " + SEED + ": only " + written + " MB written: writes did not move"
          + " from the full cs-1 to the chunkservers with room; errors " + errors);
      assertTrue(errors.size() == 3, "seed " + SEED + ": the cluster never said it was full after "
          + written + " MB; errors " + errors);
      for (String error : errors) {
        assertTrue(error.length() > "DISK_FULL: ".length() + 10, "an error without a message: " + error);
      }
    }, (cluster, h) -> { });
  }
}
