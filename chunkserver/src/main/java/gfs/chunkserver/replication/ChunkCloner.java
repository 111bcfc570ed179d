package gfs.chunkserver.replication;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.PeerChannels;
import gfs.chunkserver.Text;
import gfs.chunkserver.storage.ChunkImport;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.CloneChunk;
import gfs.proto.CopyChunkRequest;
import gfs.proto.CopyChunkResponse;
import gfs.proto.CopyOnWrite;
import gfs.proto.ErrorCode;
import gfs.proto.FailedClone;
import gfs.rpc.BulkMethods;
import gfs.rpc.Errors;
import gfs.rpc.Rpc;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the master's CloneChunk (fetch a chunk from a peer with CopyChunk, at most at
 * the bandwidth asked) and CopyOnWrite (copy a local chunk to a new handle) commands on a
 * small pool of named threads with a bounded queue, one job per chunk at a time.
 */
public final class ChunkCloner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCloner.class);
  private static final int THREADS = 2;
  private static final int MAX_QUEUED = 256;
  /** Slowest transfer a clone is given time for when no bandwidth limit is set. */
  private static final long MIN_CLONE_BYTES_PER_S = 10L << 20;

  private final String serverId;
  private final ChunkStore store;
  private final PeerChannels peers;
  private final long rpcTimeoutMs;
  private final long defaultChunkSizeBytes;
  private final ExecutorService executor;
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
  private final CloneFailures failures = new CloneFailures(System::nanoTime);

  public ChunkCloner(String serverId, ChunkStore store, PeerChannels peers, long rpcTimeoutMs, long defaultChunkSizeBytes) {
    this.serverId = serverId;
    this.store = store;
    this.peers = peers;
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.defaultChunkSizeBytes = defaultChunkSizeBytes;
    this.executor = Rpc.boundedExecutor(serverId + "-clone", THREADS, MAX_QUEUED);
  }

  public int inFlight() {
    return inFlight.size();
  }

  /** Clones that failed lately, for the heartbeats. */
  public List<FailedClone> recentFailures() {
    return failures.recent();
  }

  /** Queues a clone; false when one for that chunk is already under way or the queue is full. */
  public boolean submitClone(CloneChunk command) {
    boolean queued = submit(command.getHandle(), () -> {
      try {
        cloneNow(command);
      } catch (ChunkserverException e) {
        LOG.warn("{}: clone of {} version {} from {} failed: {}", serverId, chunk(command.getHandle()),
            command.getVersion(), Text.peer(command.getSource()), e.getMessage());
        failures.record(command.getHandle(), command.getVersion(), command.getSource().getId(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("{}: clone of {} version {} from {} failed", serverId, chunk(command.getHandle()),
            command.getVersion(), Text.peer(command.getSource()), e);
        failures.record(command.getHandle(), command.getVersion(), command.getSource().getId(), e.toString());
      }
    });
    if (!queued && !inFlight.contains(command.getHandle())) {
      failures.record(command.getHandle(), command.getVersion(), command.getSource().getId(),
          "too many chunk copies queued on " + serverId);
    }
    return queued;
  }

  public boolean submitCopyOnWrite(CopyOnWrite command) {
    return submit(command.getNewHandle(), () -> {
      try {
        store.copyLocal(command.getSourceHandle(), command.getNewHandle(), command.getVersion());
      } catch (ChunkserverException e) {
        LOG.warn("{}: copy-on-write of {} to {} failed: {}", serverId, chunk(command.getSourceHandle()),
            chunk(command.getNewHandle()), e.getMessage());
      }
    });
  }

  private boolean submit(long handle, Runnable job) {
    if (!inFlight.add(handle)) {
      return false;
    }
    try {
      executor.execute(() -> {
        try {
          job.run();
        } catch (RuntimeException e) {
          LOG.error("{}: copy job for {} failed", serverId, chunk(handle), e);
        } finally {
          inFlight.remove(handle);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      inFlight.remove(handle);
      LOG.warn("{}: too many chunk copies queued ({}), dropping the one for {}", serverId, MAX_QUEUED, chunk(handle));
      return false;
    }
  }

  /**
   * Fetches the chunk from its source and installs it. Returns false when this server already
   * holds that version or a newer one.
   */
  public boolean cloneNow(CloneChunk command) throws ChunkserverException {
    long handle = command.getHandle();
    Optional<ChunkRecord> existing = store.record(handle);
    if (existing.isPresent() && existing.get().version() >= command.getVersion()) {
      LOG.debug("{}: already holds {} version {}", serverId, chunk(handle), existing.get().version());
      return false;
    }
    long bytesPerS = command.getBandwidthLimitBytesPerS() > 0
        ? Math.min(command.getBandwidthLimitBytesPerS(), MIN_CLONE_BYTES_PER_S) : MIN_CLONE_BYTES_PER_S;
    long deadlineMs = rpcTimeoutMs + defaultChunkSizeBytes * 1000 / bytesPerS;
    long startNanos = System.nanoTime();
    Context.CancellableContext call = Context.current().withCancellation();
    Context previous = call.attach();
    try {
      Iterator<CopyChunkResponse> stream = ClientCalls.blockingServerStreamingCall(peers.channel(command.getSource()),
          BulkMethods.COPY_CHUNK, CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS),
          CopyChunkRequest.newBuilder().setHandle(handle).setVersion(command.getVersion()).build());
      CopyChunkResponse head = next(stream, command);
      if (head.getVersion() != command.getVersion()) {
        throw new ChunkserverException(ErrorCode.STALE_VERSION, "clone source " + Text.peer(command.getSource())
            + " sent " + chunk(handle) + " version " + head.getVersion() + ", not " + command.getVersion());
      }
      long length = head.getLength();
      boolean installed;
      try (ChunkImport copy = store.beginImport(handle, command.getVersion(), Math.max(defaultChunkSizeBytes, length))) {
        CopyChunkResponse message = head;
        while (true) {
          copy.append(message.getData());
          throttle(copy.receivedBytes(), command.getBandwidthLimitBytesPerS(), startNanos);
          if (copy.receivedBytes() >= length || !stream.hasNext()) {
            break;
          }
          message = next(stream, command);
        }
        installed = copy.commit(length);
      }
      if (installed) {
        LOG.info("{}: cloned {} version {} ({} bytes) from {} in {} ms", serverId, chunk(handle), command.getVersion(),
            length, Text.peer(command.getSource()), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
      }
      return installed;
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, "clone source " + Text.peer(command.getSource())
          + " failed: " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()), e);
    } finally {
      call.detach(previous);
      call.cancel(null);  // ends the stream if we stopped reading early
    }
  }

  private static CopyChunkResponse next(Iterator<CopyChunkResponse> stream, CloneChunk command)
      throws ChunkserverException {
    if (!stream.hasNext()) {
      throw new ChunkserverException(ErrorCode.UNAVAILABLE, "clone source " + Text.peer(command.getSource())
          + " ended the copy of " + chunk(command.getHandle()) + " early");
    }
    CopyChunkResponse message = stream.next();
    if (!Errors.ok(message.getError())) {
      throw new ChunkserverException(message.getError().getCode(), "clone source " + Text.peer(command.getSource())
          + ": " + message.getError().getMessage());
    }
    return message;
  }

  /** Sleeps so that the bytes received so far arrive no faster than the limit. */
  private static void throttle(long receivedBytes, long limitBytesPerS, long startNanos) throws ChunkserverException {
    if (limitBytesPerS <= 0) {
      return;
    }
    long dueNanos = startNanos + receivedBytes * 1_000_000_000L / limitBytesPerS;
    long waitNanos = dueNanos - System.nanoTime();
    if (waitNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChunkserverException(ErrorCode.UNAVAILABLE, "clone interrupted: chunkserver shutting down");
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
