package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pid file counts only while its process lives and is the server it was written for. */
class PidFilesTest {
  @TempDir Path dir;

  @Test
  void liveProcessWithItsMarkerIsRunning() throws Exception {
    Path marked = Files.writeString(dir.resolve("marker-file"), "");
    Process process = new ProcessBuilder("tail", "-f", marked.toString()).start();
    try {
      Path pidFile = dir.resolve("x.pid");
      PidFiles.write(pidFile, process.pid());
      assertEquals(Optional.of(process.pid()),
          PidFiles.live(pidFile, marked.toString()).map(ProcessHandle::pid));
      assertTrue(PidFiles.live(pidFile, dir.resolve("other-server/").toString()).isEmpty(),
          "a reused pid running something else is not ours");
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMarkerAfterAVeryLongCommandLineIsFound() throws Exception {
    // A server's class path is about 4 KB; ProcessHandle.Info would cut the line before the marker.
    Path marked = Files.writeString(dir.resolve("marker-file"), "");
    Process process = new ProcessBuilder("bash", "-c", "sleep 60; : \"$@\"", "x".repeat(5000), marked.toString())
        .start();
    try {
      Path pidFile = dir.resolve("long.pid");
      PidFiles.write(pidFile, process.pid());
      assertEquals(Optional.of(process.pid()),
          PidFiles.live(pidFile, marked.toString()).map(ProcessHandle::pid));
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void exitedProcessIsStale() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor(10, TimeUnit.SECONDS);
    Path pidFile = dir.resolve("x.pid");
    PidFiles.write(pidFile, process.pid());
    assertTrue(PidFiles.live(pidFile, "").isEmpty());
  }

  @Test
  void unreadablePidFileIsStale() throws Exception {
    Path pidFile = Files.writeString(dir.resolve("x.pid"), "not a pid\n");
    assertTrue(PidFiles.live(pidFile, "").isEmpty());
    assertTrue(PidFiles.live(dir.resolve("absent.pid"), "").isEmpty());
  }
}
