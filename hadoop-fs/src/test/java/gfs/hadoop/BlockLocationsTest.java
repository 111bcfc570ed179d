package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.client.ChunkReplicas;
import gfs.client.ChunkReplicas.Replica;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.Test;

class BlockLocationsTest {
  private static final long MB = 1 << 20;

  @Test
  void eachChunkIsABlockWithItsReplicasAndRacks() throws Exception {
    List<ChunkReplicas> chunks = List.of(
        new ChunkReplicas(1, List.of(new Replica("cs-1", "10.0.0.1", 7100, "rack-1"),
            new Replica("cs-2", "10.0.0.2", 7100, "/rack-2"))),
        new ChunkReplicas(2, List.of(new Replica("cs-3", "10.0.0.3", 7101, ""))));
    BlockLocation[] blocks = BlockLocations.of(chunks, MB, 2 * MB + 100);

    assertEquals(2, blocks.length);
    assertEquals(MB, blocks[0].getOffset());
    assertEquals(MB, blocks[0].getLength());
    assertArrayEquals(new String[] {"10.0.0.1", "10.0.0.2"}, blocks[0].getHosts());
    assertArrayEquals(new String[] {"10.0.0.1:7100", "10.0.0.2:7100"}, blocks[0].getNames());
    assertArrayEquals(new String[] {"/rack-1/10.0.0.1:7100", "/rack-2/10.0.0.2:7100"},
        blocks[0].getTopologyPaths());
    // The last chunk's block ends at the file's end; a server without a rack is in Hadoop's default.
    assertEquals(2 * MB, blocks[1].getOffset());
    assertEquals(100, blocks[1].getLength());
    assertArrayEquals(new String[] {"/default-rack/10.0.0.3:7101"}, blocks[1].getTopologyPaths());
  }

  @Test
  void aChunkWithoutLiveReplicasHasNoHosts() throws Exception {
    BlockLocation[] blocks = BlockLocations.of(List.of(new ChunkReplicas(0, List.of())), MB, 10);
    assertEquals(0, blocks[0].getHosts().length);
    assertEquals(10, blocks[0].getLength());
  }
}
