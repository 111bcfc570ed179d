package gfs.client.data;

import com.google.protobuf.ByteString;
import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.location.ChunkLocator;
import gfs.proto.ChunkLocation;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ErrorCode;
import gfs.proto.GetChunkChecksumResponse;
import gfs.proto.GetChunkInfoResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one piece of one chunk, from the first replica the master listed (the closest),
 * failing over to the next on any error; when every replica failed it asks the master
 * for fresh locations once and tries those. A checksum mismatch is reported to the master.
 */
public final class ReplicaReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaReader.class);

  private final ChunkserverCalls calls;
  private final ChunkLocator locator;
  private final BadReplicaReporter reporter;

  public ReplicaReader(ChunkserverCalls calls, ChunkLocator locator, BadReplicaReporter reporter) {
    this.calls = calls;
    this.locator = locator;
    this.reporter = reporter;
  }

  /**
   * What a replica returned: data (short when the chunk ends first), the chunk's length
   * there, and the location used (refreshed if the first one failed).
   */
  public record Piece(ByteString data, long chunkLength, ChunkLocation location) {}

  public Piece read(String path, ChunkLocation location, long offsetInChunk, int length,
      Deadline deadline) throws GfsException {
    Attempts attempts = new Attempts();
    ChunkLocation current = location;
    for (int round = 0; round < 2 && !deadline.expired(); round++) {
      if (round == 1) {
        ChunkLocation fresh = refreshed(path, current, attempts, deadline);
        if (fresh == null) {
          break;
        }
        current = fresh;
      }
      for (ChunkserverInfo replica : current.getReplicasList()) {
        if (deadline.expired()) {
          break;
        }
        ReadRequest request = ReadRequest.newBuilder().setHandle(current.getHandle())
            .setVersion(current.getVersion()).setOffset(offsetInChunk).setLength(length).build();
        try {
          ReadResponse response = calls.read(replica, request, deadline);
          if (attempts.any()) {
            // Some replica failed: let the next read ask the master, who may have dropped it.
            locator.invalidate(path, current.getChunkIndex());
          }
          return new Piece(response.getData(), response.getChunkLength(), current);
        } catch (ReplicaFailure failure) {
          if (failure.code() == ErrorCode.OUT_OF_RANGE) {
            // The offset is past this replica's end of chunk: nothing to read there.
            return new Piece(ByteString.EMPTY, offsetInChunk, current);
          }
          attempts.add(current, replica, failure, path);
          if (failure.code() == ErrorCode.CHECKSUM_MISMATCH) {
            reporter.report(current.getHandle(), replica, failure.getMessage(), deadline);
          }
        }
      }
    }
    throw attempts.exception("read", current, path, deadline);
  }

  /** The chunk's length as the replicas report it (first one that answers and is current). */
  public long chunkLength(String path, ChunkLocation location, Deadline deadline)
      throws GfsException {
    return fromAnyReplica("get the length of", path, location, deadline, (replica, current) -> {
      GetChunkInfoResponse info = calls.chunkInfo(replica, current.getHandle(), deadline);
      if (Long.compareUnsigned(info.getVersion(), current.getVersion()) < 0) {
        throw ReplicaFailure.of(ErrorCode.STALE_VERSION, false, Describe.server(replica)
            + ": has version " + info.getVersion() + " of " + Describe.handle(current.getHandle())
            + ", current is " + current.getVersion());
      }
      return info.getLength();
    });
  }

  /**
   * The CRC32C of the chunk's content and the length it covers, from the first current
   * replica that answers (composed there from its stored block checksums).
   */
  public GetChunkChecksumResponse chunkChecksum(String path, ChunkLocation location,
      Deadline deadline) throws GfsException {
    return fromAnyReplica("get the checksum of", path, location, deadline,
        (replica, current) -> calls.checksum(replica, current.getHandle(), current.getVersion(),
            deadline));
  }

  /** One call to a replica of the current location; throws ReplicaFailure to try the next. */
  private interface ReplicaCall<T> {
    T call(ChunkserverInfo replica, ChunkLocation current) throws ReplicaFailure;
  }

  /**
   * The answer of the first replica that gives one, in the master's order; when every replica
   * failed, once more with fresh locations from the master.
   */
  private <T> T fromAnyReplica(String action, String path, ChunkLocation location,
      Deadline deadline, ReplicaCall<T> call) throws GfsException {
    Attempts attempts = new Attempts();
    ChunkLocation current = location;
    for (int round = 0; round < 2 && !deadline.expired(); round++) {
      if (round == 1) {
        ChunkLocation fresh = refreshed(path, current, attempts, deadline);
        if (fresh == null) {
          break;
        }
        current = fresh;
      }
      for (ChunkserverInfo replica : current.getReplicasList()) {
        if (deadline.expired()) {
          break;
        }
        try {
          return call.call(replica, current);
        } catch (ReplicaFailure failure) {
          attempts.add(current, replica, failure, path);
        }
      }
    }
    throw attempts.exception(action, current, path, deadline);
  }

  /**
   * Fresh locations of the chunk after every replica failed, or null when the master could
   * not be asked (the failure is noted so the final error names it beside the replicas').
   */
  private ChunkLocation refreshed(String path, ChunkLocation stale, Attempts attempts,
      Deadline deadline) throws GfsException {
    locator.invalidate(path, stale.getChunkIndex());
    ChunkLocation fresh;
    try {
      fresh = locator.fetch(path, stale.getChunkIndex(), deadline).location();
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        throw e; // the file is gone: that, not the replicas, is the answer
      }
      attempts.note("fresh locations unavailable: " + e.getMessage());
      return null;
    }
    if (fresh == null) {
      throw new GfsException(GfsException.Kind.NOT_FOUND, Describe.chunk(stale.getHandle(),
          stale.getChunkIndex(), path) + " is no longer part of the file");
    }
    return fresh;
  }

  /** The failures of one read, to name every replica tried when all failed. */
  private static final class Attempts {
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean allChecksum = true;

    void note(String note) {
      notes.add(note);
    }

    boolean any() {
      return !failures.isEmpty();
    }

    void add(ChunkLocation chunk, ChunkserverInfo replica, ReplicaFailure failure, String path) {
      failures.add(failure.getMessage());
      allChecksum &= failure.code() == ErrorCode.CHECKSUM_MISMATCH;
      if (failure.code() == ErrorCode.CHECKSUM_MISMATCH) {
        LOG.warn("{} on {} failed verification, trying another replica: {}",
            Describe.chunk(chunk.getHandle(), chunk.getChunkIndex(), path),
            Describe.server(replica), failure.getMessage());
      } else {
        LOG.debug("{} on {} failed, trying another replica: {}",
            Describe.chunk(chunk.getHandle(), chunk.getChunkIndex(), path),
            Describe.server(replica), failure.getMessage());
      }
    }

    GfsException exception(String action, ChunkLocation chunk, String path, Deadline deadline) {
      String name = "cannot " + action + " "
          + Describe.chunk(chunk.getHandle(), chunk.getChunkIndex(), path) + ": ";
      if (failures.isEmpty()) {
        if (!notes.isEmpty()) {
          return new GfsException(GfsException.Kind.UNAVAILABLE, name + String.join("; ", notes));
        }
        return deadline.expired()
            ? new GfsException(GfsException.Kind.UNAVAILABLE,
                name + "timed out after " + deadline.timeoutMs() + " ms")
            : new GfsException(GfsException.Kind.NO_CHUNKSERVERS,
                name + "the master knows no live replica");
      }
      List<String> all = new ArrayList<>(failures);
      all.addAll(notes);
      GfsException.Kind kind = allChecksum
          ? GfsException.Kind.CHECKSUM_MISMATCH : GfsException.Kind.UNAVAILABLE;
      return new GfsException(kind, name + "every replica failed: " + String.join("; ", all));
    }
  }
}
