package gfs.chunkserver.heartbeat;

import gfs.chunkserver.mutation.LeaseTable;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ChunkserverInfo;
import gfs.rpc.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Owns one {@link MasterLink} (and its thread) per configured master. */
public final class Heartbeats implements AutoCloseable {
  private final List<MasterLink> links = new ArrayList<>();

  public Heartbeats(List<HostPort> masters, ChunkserverInfo self, String metricsAddress, ChunkStore store,
      LeaseTable leases, CommandRunner commands, IntSupplier activeRequests, IntSupplier clonesInFlight,
      long intervalMs, long rpcTimeoutMs) {
    ReportBuilder reports = new ReportBuilder(store);
    for (HostPort master : masters) {
      MasterLink link = new MasterLink(master, self, metricsAddress, reports, leases, commands, activeRequests,
          clonesInFlight, intervalMs, rpcTimeoutMs);
      store.addListener(link.changes());
      links.add(link);
    }
  }

  public void start() {
    links.forEach(MasterLink::start);
  }

  /** Heartbeats answered by any master so far (tests and diagnostics). */
  public long heartbeatsAnswered() {
    return links.stream().mapToLong(MasterLink::heartbeatsAnswered).sum();
  }

  @Override
  public void close() {
    links.forEach(MasterLink::stop);
  }
}
