package gfs.chunkserver.metrics;

import gfs.chunkserver.buffer.PushBuffer;
import gfs.chunkserver.replication.ChunkCloner;
import gfs.chunkserver.rpc.ChunkserverGrpcService;
import gfs.chunkserver.storage.ChunkStore;
import gfs.chunkserver.storage.DiskUsage;
import gfs.chunkserver.storage.Scrubber;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.function.ToDoubleFunction;

/**
 * The chunkserver's own series, read from its parts when Prometheus scrapes (the parts keep
 * plain counters and know nothing of metrics). Calls and their latency per method (Read,
 * Write, RecordAppend, PushData, ApplyMutation, CopyChunk...) are gfs_rpc_server_seconds.
 */
public final class ChunkserverMetrics {
  private ChunkserverMetrics() {}

  public static void bind(MeterRegistry registry, ChunkStore store, PushBuffer pushes, ChunkserverGrpcService service,
      ChunkCloner cloner, Scrubber scrubber) {
    counter(registry, "gfs.chunkserver.read.bytes", "Bytes answered to clients' reads", service,
        ChunkserverGrpcService::readBytes);
    counter(registry, "gfs.chunkserver.written.bytes", "Bytes written to chunks by writes, appends and padding",
        store, ChunkStore::writtenBytes);
    counter(registry, "gfs.chunkserver.pushed.bytes", "Bytes received by data pushes (client or upstream replica)",
        pushes, PushBuffer::receivedBytesTotal);
    counter(registry, "gfs.chunkserver.checksum.failures", "Checksum mismatches found by reads, writes and scrubs",
        store, ChunkStore::checksumFailures);
    if (scrubber != null) {
      counter(registry, "gfs.chunkserver.scrubbed.bytes", "Bytes verified by the idle-time scrubber", scrubber,
          Scrubber::scrubbedBytes);
    }
    gauge(registry, "gfs.chunkserver.push.buffer.bytes", "Bytes reserved in the push buffer", pushes,
        PushBuffer::reservedBytes);
    gauge(registry, "gfs.chunkserver.push.buffer.capacity.bytes", "Capacity of the push buffer", pushes,
        PushBuffer::capacityBytes);
    gauge(registry, "gfs.chunkserver.chunks", "Chunks held", store, ChunkStore::chunkCount);
    gauge(registry, "gfs.chunkserver.chunk.bytes", "Bytes of chunk data held", store, ChunkStore::chunkBytes);
    gauge(registry, "gfs.chunkserver.disk.free.bytes", "Usable bytes left on the data directory's file system",
        store, s -> disk(s).freeBytes());
    gauge(registry, "gfs.chunkserver.disk.capacity.bytes", "Size of the data directory's file system", store,
        s -> disk(s).capacityBytes());
    gauge(registry, "gfs.chunkserver.clones.in.flight", "Chunk copies this server is receiving now", cloner,
        ChunkCloner::inFlight);
    gauge(registry, "gfs.chunkserver.active.requests", "Reads, writes and appends being served now", service,
        ChunkserverGrpcService::activeRequests);
  }

  private static DiskUsage disk(ChunkStore store) {
    try {
      return store.diskUsage();
    } catch (IOException e) {
      return new DiskUsage(-1, store.chunkBytes(), -1);  // shown as -1: the file system did not answer
    }
  }

  private static <T> void counter(MeterRegistry registry, String name, String help, T source, ToDoubleFunction<T> f) {
    FunctionCounter.builder(name, source, f).description(help).register(registry);
  }

  private static <T> void gauge(MeterRegistry registry, String name, String help, T source, ToDoubleFunction<T> f) {
    // Strong: Micrometer holds a gauge's source weakly, and a source that was collected reads NaN.
    Gauge.builder(name, source, f).description(help).strongReference(true).register(registry);
  }
}
