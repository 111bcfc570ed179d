package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers die (SIGKILL) and come back; what was acknowledged is still there. */
class FailureIT {
  static final int CHUNK_SIZE = 1 << 20;
  @TempDir Path dir;

  @Test
  void aChunkserverKilledInTheMiddleOfALargeReadDoesNotStopTheRead() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 4, "1MB");
         GfsClient client = cluster.client()) {
      byte[] content = new byte[12 * CHUNK_SIZE + 4321];
      new Random(3).nextBytes(content);
      client.create("/big.bin");
      try (OutputStream out = client.openOutputStream("/big.bin")) {
        out.write(content);
      }

      ByteArrayOutputStream read = new ByteArrayOutputStream();
      try (InputStream in = client.openInputStream("/big.bin")) {
        byte[] buffer = new byte[256 * 1024];
        int n;
        boolean killed = false;
        while ((n = in.read(buffer)) > 0) {
          read.write(buffer, 0, n);
          if (!killed && read.size() >= 3 * CHUNK_SIZE) {
            // Every chunk has 3 replicas on 4 servers: each server holds most chunks still unread.
            cluster.kill("chunkserver-1");
            cluster.kill("chunkserver-2");
            killed = true;
          }
        }
      }
      assertArrayEquals(content, read.toByteArray(), "the read completed from the surviving replicas");
    }
  }

  @Test
  void mutationsGoOnWhenMastersDieAndTheNamespaceSurvivesRestartingThemAll() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, "1MB")) {
      try (GfsClient client = cluster.client()) {
        client.mkdir("/ns", false);
        for (int i = 0; i < 50; i++) {
          client.create("/ns/before-" + i);
        }
      }
      List<String> followers = cluster.masters("FOLLOWER");
      assertFalse(followers.isEmpty(), "a follower to kill");
      cluster.kill(followers.get(0));
      try (GfsClient client = cluster.client()) {
        for (int i = 0; i < 50; i++) {
          client.create("/ns/follower-down-" + i);
        }
      }

      cluster.stop();
      cluster.startAgain();
      try (GfsClient client = cluster.client()) {
        Set<String> names = client.list("/ns").stream().map(FileStatus::name).collect(Collectors.toSet());
        assertEquals(100, names.size(), "every acknowledged create survives a restart of all masters");
        for (int i = 0; i < 50; i++) {
          assertEquals(true, names.contains("before-" + i) && names.contains("follower-down-" + i));
        }
      }

      String leader = cluster.masters("LEADER").get(0);
      cluster.kill(leader);
      try (GfsClient client = cluster.client()) {
        // The client finds the new leader on its own, within its operation timeout.
        client.create("/ns/after-leader-kill");
        assertEquals(101, client.list("/ns").size());
      }
    }
  }
}
