package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gfs.shell.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterShapeTest {
  @Test
  void defaultsForFlagsNotGiven() throws Exception {
    assertEquals(new ClusterShape(3, 1, 4, 2, 64L << 20),
        ClusterShape.fromFlags(null, null, null, null, null));
    assertEquals(new ClusterShape(1, 0, 4, 2, 1L << 20),
        ClusterShape.fromFlags(1, 0, null, null, 1L << 20));
  }

  @Test
  void impossibleShapesAreUsageErrors() {
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(0, null, null, null, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(8, null, null, null, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, -1, null, null, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, 5, null, null, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, null, 0, null, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, null, null, 0, null));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, null, null, null, 1000L));
    assertThrows(UsageException.class, () -> ClusterShape.fromFlags(null, null, null, null, 96L << 10));
  }

  @Test
  void onlyFlagsGivenAndDifferentConflict() {
    ClusterShape existing = new ClusterShape(3, 1, 4, 2, 1L << 20);
    assertEquals(List.of(), existing.conflicts(null, null, null, null, null));
    assertEquals(List.of(), existing.conflicts(3, 1, 4, 2, 1L << 20));
    assertEquals(List.of("--masters 1 (it has 3)", "--shadows 2 (it has 1)",
            "--chunk-size 2097152 (it has 1048576)"),
        existing.conflicts(1, 2, 4, null, 2L << 20));
  }
}
