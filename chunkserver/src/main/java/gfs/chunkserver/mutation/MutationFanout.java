package gfs.chunkserver.mutation;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.PeerChannels;
import gfs.chunkserver.Text;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ChunkserverPeerServiceGrpc;
import gfs.proto.ErrorCode;
import gfs.proto.MutationRequest;
import gfs.proto.MutationResponse;
import gfs.rpc.Errors;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one mutation to every secondary at once, each call with a deadline, and waits for
 * all of them. Returns a description of each secondary that did not apply it.
 */
public final class MutationFanout {
  /**
   * What the secondaries did: a description of each that did not apply the mutation, and the
   * furthest end any of them reported when it refused an append for ending past its offset
   * (0 when none did).
   */
  public record Outcome(List<String> failures, long aheadEnd) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(MutationFanout.class);
  /** Slowest disk write a mutation is given time for, beyond the RPC timeout. */
  private static final long MIN_APPLY_BYTES_PER_MS = 10_000;

  private final PeerChannels peers;
  private final String serverId;
  private final long rpcTimeoutMs;

  public MutationFanout(PeerChannels peers, String serverId, long rpcTimeoutMs) {
    this.peers = peers;
    this.serverId = serverId;
    this.rpcTimeoutMs = rpcTimeoutMs;
  }

  public Outcome apply(List<ChunkserverInfo> secondaries, MutationRequest mutation) {
    long deadlineMs = rpcTimeoutMs + mutation.getLength() / MIN_APPLY_BYTES_PER_MS;
    List<ChunkserverInfo> targets = new ArrayList<>();
    List<Future<MutationResponse>> calls = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ChunkserverInfo secondary : secondaries) {
      if (isSelf(secondary)) {
        continue;
      }
      try {
        calls.add(ChunkserverPeerServiceGrpc.newFutureStub(peers.channel(secondary))
            .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
            .applyMutation(mutation));
        targets.add(secondary);
      } catch (ChunkserverException e) {
        failures.add("secondary " + Text.peer(secondary) + " failed: " + e.getMessage());
      }
    }
    long aheadEnd = 0;
    for (int i = 0; i < calls.size(); i++) {
      MutationResponse response = answer(targets.get(i), calls.get(i), failures);
      if (response != null && response.getError().getCode() == ErrorCode.OUT_OF_RANGE
          && response.getChunkLength() > mutation.getOffset()) {
        aheadEnd = Math.max(aheadEnd, response.getChunkLength());
      }
    }
    if (!failures.isEmpty()) {
      LOG.warn("{}: {} serial {} ({}): {}", serverId, Text.chunk(mutation.getHandle()), mutation.getSerial(),
          mutation.getKind(), String.join("; ", failures));
    }
    return new Outcome(failures, aheadEnd);
  }

  /** The secondary's answer (null when none came); a failure is added to failures. */
  private static MutationResponse answer(ChunkserverInfo secondary, Future<MutationResponse> call,
      List<String> failures) {
    try {
      MutationResponse response = call.get();
      if (!Errors.ok(response.getError())) {
        failures.add("secondary " + Text.peer(secondary) + " failed: " + response.getError().getCode()
            + " " + response.getError().getMessage());
      }
      return response;
    } catch (ExecutionException e) {
      Status status = Status.fromThrowable(e.getCause());
      failures.add("secondary " + Text.peer(secondary) + " did not answer: " + status.getCode()
          + (status.getDescription() == null ? "" : " " + status.getDescription()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      failures.add("secondary " + Text.peer(secondary) + ": interrupted while waiting (shutting down)");
    }
    return null;
  }

  /** A client that lists the primary among the secondaries must not make it apply twice. */
  private boolean isSelf(ChunkserverInfo peer) {
    return peer.getId().equals(serverId);
  }
}
