package gfs.chunkserver.mutation;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.buffer.PushBuffer;
import gfs.chunkserver.buffer.PushEntry;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ErrorCode;
import gfs.proto.MutationKind;
import gfs.proto.MutationRequest;
import gfs.proto.MutationResponse;
import gfs.rpc.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secondary applying the primary's mutations: only for its own current version (a primary
 * holding an older version has been fenced by a newer lease) and only with a serial number
 * above the last one it applied for that version, so it never applies one twice or out of
 * order. An append below its own length is refused (see {@link #apply}): a record is never
 * overwritten by a shorter one.
 */
public final class SecondaryMutations {
  private static final Logger LOG = LoggerFactory.getLogger(SecondaryMutations.class);

  private final String serverId;
  private final ChunkStore store;
  private final PushBuffer buffer;
  private final MutationLocks locks;

  public SecondaryMutations(String serverId, ChunkStore store, PushBuffer buffer, MutationLocks locks) {
    this.serverId = serverId;
    this.store = store;
    this.buffer = buffer;
    this.locks = locks;
  }

  public MutationResponse apply(MutationRequest request) throws ChunkserverException {
    long handle = request.getHandle();
    try (MutationLocks.Held held = locks.lock(handle)) {
      ChunkRecord record = store.record(handle).orElseThrow(() ->
          new ChunkserverException(ErrorCode.NOT_FOUND, chunk(handle) + " is not on " + serverId));
      if (request.getVersion() != record.version()) {
        throw new ChunkserverException(ErrorCode.STALE_VERSION, chunk(handle) + " is at version " + record.version()
            + " on " + serverId + ", the mutation (serial " + request.getSerial() + ") has version " + request.getVersion());
      }
      long last = held.lastSerial(record.version());
      if (request.getSerial() <= last) {
        throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT, chunk(handle) + " version " + record.version()
            + " on " + serverId + ": serial " + request.getSerial() + " is not after the last applied serial " + last);
      }
      if (request.getKind() == MutationKind.APPEND && request.getOffset() < record.length()) {
        // The primary is behind this replica: it failed appends this one applied, and was made
        // primary by a later lease. Applying would overwrite the start of a whole record and
        // leave its tail, a torn record; the region stays as it is and the primary is told
        // where this replica ends, so that its next append starts past it.
        LOG.info("{}: {} serial {}: append at offset {} refused, this replica ends at {}", serverId,
            chunk(handle), request.getSerial(), request.getOffset(), record.length());
        return MutationResponse.newBuilder().setChunkLength(record.length())
            .setError(Errors.of(ErrorCode.OUT_OF_RANGE, "append at offset " + request.getOffset() + " of "
                + chunk(handle) + " would overwrite bytes of " + serverId + ", which ends at "
                + record.length()))
            .build();
      }
      long length = switch (request.getKind()) {
        case WRITE, APPEND -> writePushed(request);
        case PAD -> store.pad(handle);
        default -> throw new ChunkserverException(ErrorCode.INVALID_ARGUMENT,
            "unknown mutation kind " + request.getKindValue() + " for " + chunk(handle));
      };
      held.recordSerial(record.version(), request.getSerial());
      LOG.debug("{}: {} serial {} {} applied, length {}", serverId, chunk(handle), request.getSerial(),
          request.getKind(), length);
      return MutationResponse.newBuilder().setChunkLength(length).build();
    }
  }

  private long writePushed(MutationRequest request) throws ChunkserverException {
    PushEntry data = buffer.acquire(request.getDataId(), request.getLength());
    boolean applied = false;
    try {
      long length = store.write(request.getHandle(), request.getOffset(), data.data());
      applied = true;
      return length;
    } finally {
      buffer.release(data, applied);
    }
  }
}
