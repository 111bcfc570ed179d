package gfs.chunkserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.proto.ErrorCode;
import gfs.proto.GetChunkInfoRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chunkserver.scrub.interval.ms=0 means no scrubbing, as docs/configuration.md says. */
class ScrubSettingTest {
  @TempDir Path dataDir;

  @Test
  void aChunkserverWithScrubbingOffStartsAndServes() throws Exception {
    try (TestChunkservers cluster = new TestChunkservers()) {
      ChunkserverServer server = cluster.start(TestChunkservers.config(dataDir, "cs-noscrub", "",
          Map.of("chunkserver.scrub.interval.ms", "0")));
      assertEquals(0, server.config().scrubIntervalMs());
      assertEquals(ErrorCode.OK, cluster.grant(server, 0x5, 1, true, 60_000, true).getError().getCode());
      assertEquals(1, cluster.client(server).getChunkInfo(GetChunkInfoRequest.newBuilder()
          .setHandle(0x5).build()).getVersion());
    }
  }
}
