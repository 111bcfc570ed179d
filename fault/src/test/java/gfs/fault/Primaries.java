package gfs.fault;

import gfs.client.ClientConfig;
import gfs.client.common.ChannelPool;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.data.ChunkserverCalls;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.ReadOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Who holds the lease of a chunk, asked of the replicas themselves (GetChunkInfo: primary,
 * lease time left), with the client library's own calls. A replica that does not answer (paused,
 * dead) counts as no primary.
 */
final class Primaries implements AutoCloseable {
  private final MasterClient master;
  private final ChannelPool channels = new ChannelPool("fault-primaries");
  private final ChunkserverCalls calls = new ChunkserverCalls(channels, 2_000);
  private final ChunkLocator locator;

  Primaries(ClientConfig config) {
    this.master = new MasterClient(config);
    this.locator = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
        ReadOptions.getDefaultInstance());
  }

  ChunkLocation locate(String path, long chunkIndex) throws Exception {
    return locator.fetch(path, chunkIndex, Deadline.afterMs(10_000)).location();
  }

  long chunkCount(String path) throws Exception {
    return locator.fileChunkCount(path, Deadline.afterMs(10_000));
  }

  /** The ids of the replicas that say they hold a running lease on the chunk. */
  List<String> primaries(ChunkLocation chunk) {
    List<String> primaries = new ArrayList<>();
    for (ChunkserverInfo replica : chunk.getReplicasList()) {
      try {
        GetChunkInfoResponse info = calls.chunkInfo(replica, chunk.getHandle(), Deadline.afterMs(2_000));
        if (info.getPrimary() && info.getLeaseRemainingMs() > 0) {
          primaries.add(replica.getId());
        }
      } catch (Exception e) {
        // no answer: not a primary anyone can reach
      }
    }
    return primaries;
  }

  @Override
  public void close() {
    channels.close();
    master.close();
  }
}
