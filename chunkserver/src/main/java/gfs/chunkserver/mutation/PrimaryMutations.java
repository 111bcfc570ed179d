package gfs.chunkserver.mutation;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.buffer.PushBuffer;
import gfs.chunkserver.buffer.PushEntry;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ErrorCode;
import gfs.proto.MutationKind;
import gfs.proto.MutationRequest;
import gfs.proto.RecordAppendRequest;
import gfs.proto.RecordAppendResponse;
import gfs.proto.WriteRequest;
import gfs.proto.WriteResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's side of Write and RecordAppend: under the chunk's lock, check version and
 * lease, apply locally, give the mutation the next serial number, have every secondary
 * apply it, then answer. A secondary that fails makes the answer SECONDARY_FAILED naming
 * it (that region is now inconsistent; the client retries). A secondary refuses an append
 * below its own end (this primary failed appends it applied); the next append then starts
 * past that end.
 */
public final class PrimaryMutations {
  private static final Logger LOG = LoggerFactory.getLogger(PrimaryMutations.class);

  private final String serverId;
  private final ChunkStore store;
  private final PushBuffer buffer;
  private final LeaseTable leases;
  private final MutationLocks locks;
  private final MutationFanout fanout;

  public PrimaryMutations(String serverId, ChunkStore store, PushBuffer buffer, LeaseTable leases,
      MutationLocks locks, MutationFanout fanout) {
    this.serverId = serverId;
    this.store = store;
    this.buffer = buffer;
    this.leases = leases;
    this.locks = locks;
    this.fanout = fanout;
  }

  public WriteResponse write(WriteRequest request) throws ChunkserverException {
    long handle = request.getHandle();
    requireData(handle, request.getLength());
    try (MutationLocks.Held held = locks.lock(handle)) {
      requirePrimary(handle, request.getVersion());
      PushEntry data = buffer.acquire(request.getDataId(), request.getLength());
      boolean applied = false;
      try {
        long length = store.write(handle, request.getOffset(), data.data());
        applied = true;
        long serial = held.nextSerial(request.getVersion());
        leases.noteMutation(handle);
        LOG.debug("{}: {} serial {} write {} bytes at {}", serverId, chunk(handle), serial,
            request.getLength(), request.getOffset());
        MutationRequest mutation = mutation(handle, request.getVersion(), serial, MutationKind.WRITE,
            request.getOffset(), request.getDataId(), request.getLength());
        requireSecondaries(held, request.getSecondariesList(), mutation);
        return WriteResponse.newBuilder().setChunkLength(length).build();
      } finally {
        buffer.release(data, applied);
      }
    }
  }

  public RecordAppendResponse recordAppend(RecordAppendRequest request) throws ChunkserverException {
    long handle = request.getHandle();
    requireData(handle, request.getLength());
    try (MutationLocks.Held held = locks.lock(handle)) {
      ChunkRecord record = requirePrimary(handle, request.getVersion());
      long maxRecordBytes = record.chunkSizeBytes() / 4;
      if (request.getLength() > maxRecordBytes) {
        throw new ChunkserverException(ErrorCode.RECORD_TOO_LARGE, "record of " + request.getLength()
            + " bytes exceeds the limit of " + maxRecordBytes + " bytes (a quarter of the chunk size) for " + chunk(handle));
      }
      PushEntry data = buffer.acquire(request.getDataId(), request.getLength());
      boolean applied = false;
      try {
        // A secondary that applied appends this replica failed ends further: start past it (the
        // gap reads as zeros here, padding), so no replica's record is overwritten in part.
        long offset = Math.max(record.length(), held.appendFloor(request.getVersion()));
        if (offset + request.getLength() > record.chunkSizeBytes()) {
          padEverywhere(held, record, request.getSecondariesList());
          throw new ChunkserverException(ErrorCode.CHUNK_FULL, chunk(handle) + " has " + record.length() + " of "
              + record.chunkSizeBytes() + " bytes, no room for a record of " + request.getLength()
              + " bytes: padded, retry on the next chunk");
        }
        store.write(handle, offset, data.data());
        applied = true;
        long serial = held.nextSerial(request.getVersion());
        leases.noteMutation(handle);
        LOG.debug("{}: {} serial {} append {} bytes at {}", serverId, chunk(handle), serial, request.getLength(), offset);
        requireSecondaries(held, request.getSecondariesList(), mutation(handle, request.getVersion(), serial,
            MutationKind.APPEND, offset, request.getDataId(), request.getLength()));
        return RecordAppendResponse.newBuilder().setOffset(offset).build();
      } finally {
        // Data of a record that did not fit stays: the client may push anew, or reuse it.
        buffer.release(data, applied);
      }
    }
  }

  private void padEverywhere(MutationLocks.Held held, ChunkRecord record, List<ChunkserverInfo> secondaries)
      throws ChunkserverException {
    long handle = record.handle();
    store.pad(handle);
    long serial = held.nextSerial(record.version());
    leases.noteMutation(handle);
    LOG.debug("{}: {} serial {} pad from {}", serverId, chunk(handle), serial, record.length());
    requireSecondaries(held, secondaries, mutation(handle, record.version(), serial, MutationKind.PAD,
        record.length(), "", 0));
  }

  private static void requireData(long handle, long length) throws ChunkserverException {
    if (length <= 0) {
      throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT,
          "a mutation of " + chunk(handle) + " needs pushed data of at least one byte (length " + length + ")");
    }
  }

  /** The chunk's record, if this server may order mutations of this version now. */
  private ChunkRecord requirePrimary(long handle, long version) throws ChunkserverException {
    ChunkRecord record = store.record(handle).orElseThrow(() ->
        new ChunkserverException(ErrorCode.NOT_FOUND, chunk(handle) + " is not on " + serverId));
    if (version != record.version()) {
      throw new ChunkserverException(ErrorCode.STALE_VERSION, chunk(handle) + " is at version "
          + record.version() + " on " + serverId + ", the request has version " + version);
    }
    switch (leases.status(handle, version)) {
      case NONE:
        throw new ChunkserverException(ErrorCode.NOT_PRIMARY, serverId + " holds no lease on " + chunk(handle)
            + " version " + version);
      case EXPIRED:
        throw new ChunkserverException(ErrorCode.LEASE_EXPIRED, "the lease of " + serverId + " on "
            + chunk(handle) + " version " + version + " has expired");
      default:
        return record;
    }
  }

  private void requireSecondaries(MutationLocks.Held held, List<ChunkserverInfo> secondaries,
      MutationRequest mutation) throws ChunkserverException {
    MutationFanout.Outcome outcome = fanout.apply(secondaries, mutation);
    if (outcome.aheadEnd() > 0) {
      held.raiseAppendFloor(mutation.getVersion(), outcome.aheadEnd());
    }
    if (!outcome.ok()) {
      throw new ChunkserverException(ErrorCode.SECONDARY_FAILED, chunk(mutation.getHandle()) + " serial "
          + mutation.getSerial() + " applied on primary " + serverId + " but " + String.join("; ", outcome.failures()));
    }
  }

  private static MutationRequest mutation(long handle, long version, long serial, MutationKind kind, long offset,
      String dataId, long length) {
    return MutationRequest.newBuilder().setHandle(handle).setVersion(version).setSerial(serial)
        .setKind(kind).setOffset(offset).setDataId(dataId).setLength(length).build();
  }
}
