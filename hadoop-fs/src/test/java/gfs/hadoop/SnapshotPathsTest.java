package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SnapshotPathsTest {
  @Test
  void snapshotsLiveUnderTheRootByTheirSourcePath() {
    assertEquals("/.snapshots/data/logs/s1", SnapshotPaths.of("/.snapshots", "/data/logs", "s1"));
    assertEquals("/snaps/f/n", SnapshotPaths.of("/snaps/", "/f", "n"));
  }

  @Test
  void badNamesAndSourcesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SnapshotPaths.of("/.snapshots", "/d", "a/b"));
    assertThrows(IllegalArgumentException.class, () -> SnapshotPaths.of("/.snapshots", "/d", ""));
    assertThrows(IllegalArgumentException.class, () -> SnapshotPaths.of("/.snapshots", "/", "s"));
    assertThrows(IllegalArgumentException.class,
        () -> SnapshotPaths.of("/.snapshots", "/.snapshots/d/s", "t"));
  }
}
