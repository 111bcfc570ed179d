package gfs.chunkserver.replication;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.chunkserver.storage.ReadResult;
import gfs.proto.CopyChunkRequest;
import gfs.proto.CopyChunkResponse;
import gfs.proto.ErrorCode;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves CopyChunk: the whole chunk in 1 MB pieces, each read with its checksums verified,
 * the first message carrying version and length. Pieces are produced only while the
 * receiver's transport is ready, so a slow (or throttled) receiver holds at most a few
 * pieces in memory here. A failure midway is sent in band in the next message.
 */
public final class ChunkCopySource implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCopySource.class);
  public static final int PIECE_BYTES = 1 << 20;

  private final ChunkStore store;
  private final ServerCallStreamObserver<CopyChunkResponse> out;
  private final long handle;
  private final long version;
  private final long length;
  // Guarded by this.
  private long sentBytes;
  private boolean first = true;
  private boolean done;

  private ChunkCopySource(ChunkStore store, ServerCallStreamObserver<CopyChunkResponse> out, ChunkRecord record) {
    this.store = store;
    this.out = out;
    this.handle = record.handle();
    this.version = record.version();
    this.length = record.length();
  }

  /** Starts streaming, or answers with the error when the chunk cannot be copied. */
  public static void serve(ChunkStore store, CopyChunkRequest request, StreamObserver<CopyChunkResponse> responses) {
    ServerCallStreamObserver<CopyChunkResponse> out = (ServerCallStreamObserver<CopyChunkResponse>) responses;
    out.setOnCancelHandler(() -> LOG.debug("{}: copy of {} cancelled by the receiver", store.serverId(),
        chunk(request.getHandle())));
    ChunkRecord record = store.record(request.getHandle()).orElse(null);
    ChunkserverException refusal = null;
    if (record == null) {
      refusal = new ChunkserverException(ErrorCode.NOT_FOUND, chunk(request.getHandle()) + " is not on " + store.serverId());
    } else if (request.getVersion() != 0 && request.getVersion() != record.version()) {
      refusal = new ChunkserverException(ErrorCode.STALE_VERSION, chunk(request.getHandle()) + " is at version "
          + record.version() + " on " + store.serverId() + ", the copy asks for version " + request.getVersion());
    }
    if (refusal != null) {
      out.onNext(CopyChunkResponse.newBuilder().setError(refusal.toError()).build());
      out.onCompleted();
      return;
    }
    LOG.debug("{}: copying {} version {} ({} bytes) to a peer", store.serverId(), chunk(record.handle()),
        record.version(), record.length());
    ChunkCopySource source = new ChunkCopySource(store, out, record);
    out.setOnReadyHandler(source);
    source.run();
  }

  /** Sends pieces while the transport is ready; called again by gRPC when it is ready anew. */
  @Override
  public synchronized void run() {
    while (!done && !out.isCancelled() && out.isReady()) {
      if (!first && sentBytes >= length) {
        done = true;
        out.onCompleted();
        return;
      }
      CopyChunkResponse.Builder message = CopyChunkResponse.newBuilder();
      if (first) {
        message.setVersion(version).setLength(length);
        first = false;
      }
      if (sentBytes < length) {
        try {
          ReadResult piece = store.read(handle, version, sentBytes, (int) Math.min(PIECE_BYTES, length - sentBytes));
          if (piece.data().isEmpty()) {
            throw new ChunkserverException(ErrorCode.INTERNAL, chunk(handle) + " on " + store.serverId()
                + " shrank below " + length + " bytes during the copy");
          }
          message.setData(piece.data());
          sentBytes += piece.data().size();
        } catch (ChunkserverException e) {
          LOG.warn("{}: copy of {} failed at byte {}: {}", store.serverId(), chunk(handle), sentBytes, e.getMessage());
          done = true;
          out.onNext(CopyChunkResponse.newBuilder().setError(e.toError()).build());
          out.onCompleted();
          return;
        }
      }
      out.onNext(message.build());
    }
  }
}
