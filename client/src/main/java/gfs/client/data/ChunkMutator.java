package gfs.client.data;

import gfs.client.common.Deadline;
import gfs.client.common.RequestIds;
import gfs.proto.RecordAppendRequest;
import gfs.proto.RecordAppendResponse;
import gfs.proto.WriteRequest;

/**
 * One attempt at a mutation of one chunk, as in the paper: push the data along the chain
 * of replicas, then ask the primary to apply it (it orders it and forwards to secondaries).
 * Every attempt pushes under a new data id, so a retry never meets half-pushed data.
 */
public final class ChunkMutator {
  private final RequestIds ids;
  private final DataPusher pusher;
  private final ChunkserverCalls calls;

  public ChunkMutator(RequestIds ids, DataPusher pusher, ChunkserverCalls calls) {
    this.ids = ids;
    this.pusher = pusher;
    this.calls = calls;
  }

  /** Writes data[offset, offset+length) at offsetInChunk of the leased chunk. */
  public void write(Lease lease, long offsetInChunk, byte[] data, int offset, int length,
      Deadline deadline) throws ReplicaFailure {
    String dataId = ids.nextDataId();
    pusher.push(lease.pushChain(), dataId, data, offset, length, deadline);
    WriteRequest request = WriteRequest.newBuilder().setHeader(ids.nextHeader())
        .setHandle(lease.handle()).setVersion(lease.version()).setOffset(offsetInChunk)
        .setDataId(dataId).setLength(length).addAllSecondaries(lease.secondaries()).build();
    calls.write(lease.primary(), request, deadline);
  }

  /** Appends record to the leased chunk; returns where in the chunk the primary put it. */
  public long append(Lease lease, byte[] record, Deadline deadline) throws ReplicaFailure {
    String dataId = ids.nextDataId();
    pusher.push(lease.pushChain(), dataId, record, 0, record.length, deadline);
    RecordAppendRequest request = RecordAppendRequest.newBuilder().setHeader(ids.nextHeader())
        .setHandle(lease.handle()).setVersion(lease.version()).setDataId(dataId)
        .setLength(record.length).addAllSecondaries(lease.secondaries()).build();
    RecordAppendResponse response = calls.append(lease.primary(), request, deadline);
    return response.getOffset();
  }
}
