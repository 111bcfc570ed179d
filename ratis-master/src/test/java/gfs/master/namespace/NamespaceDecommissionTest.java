package gfs.master.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gfs.proto.DecommissionOp;
import gfs.proto.ErrorCode;
import gfs.proto.Operation;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunkservers being drained are part of the replicated state. */
class NamespaceDecommissionTest {
  @TempDir Path dir;
  NamespaceFixture fx;

  @BeforeEach
  void open() throws Exception {
    fx = new NamespaceFixture(dir);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private static Operation.Builder decommission(String id, boolean on) {
    return Operation.newBuilder().setDecommission(DecommissionOp.newBuilder().setChunkserverId(id)
        .setDecommission(on));
  }

  @Test
  void decommissionAndRecommissionAreReflected() {
    assertEquals(Set.of(), fx.read(fx.namespace::decommissioning));
    assertFalse(fx.apply(decommission("cs-2", true)).hasError());
    assertFalse(fx.apply(decommission("cs-1", true)).hasError());
    assertFalse(fx.apply(decommission("cs-1", true)).hasError(), "twice is the same");
    assertEquals(Set.of("cs-1", "cs-2"), fx.read(fx.namespace::decommissioning));
    assertFalse(fx.apply(decommission("cs-1", false)).hasError());
    assertFalse(fx.apply(decommission("cs-9", false)).hasError(), "recommission of a serving one is a no-op");
    assertEquals(Set.of("cs-2"), fx.read(fx.namespace::decommissioning));
    // The meta record of the state machine lives in the same table and is not a chunkserver.
    assertEquals(1, fx.read(fx.namespace::meta).getFormatVersion());
  }

  @Test
  void anEmptyIdIsRefused() {
    assertEquals(ErrorCode.INVALID_ARGUMENT, fx.apply(decommission("", true)).getError().getCode());
  }
}
