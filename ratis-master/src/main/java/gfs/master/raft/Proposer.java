package gfs.master.raft;

import gfs.proto.ErrorCode;
import gfs.proto.LogEntry;
import gfs.proto.LogEntryResult;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.rpc.Errors;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: operations proposed while earlier entries are in flight are batched into one
 * Raft entry, and each caller is answered with its own result. A Raft entry costs about 5 ms
 * and 1 ms of CPU here (STACK.md), so batching is what lets throughput grow with concurrency.
 */
public final class Proposer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Proposer.class);
  static final int MAX_QUEUED_OPERATIONS = 10_000;
  static final int MAX_OPERATIONS_PER_ENTRY = 512;
  static final int MAX_ENTRIES_IN_FLIGHT = 4;

  private record Pending(Operation operation, CompletableFuture<OperationResult> result) {}

  private final RaftNode raft;
  private final long submitTimeoutMs;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED_OPERATIONS);
  private final Semaphore entriesInFlight = new Semaphore(MAX_ENTRIES_IN_FLIGHT);
  private final Thread thread;
  private volatile boolean running = true;

  public Proposer(RaftNode raft, long submitTimeoutMs) {
    this.raft = raft;
    this.submitTimeoutMs = submitTimeoutMs;
    this.thread = new Thread(this::run, "master-proposer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues op for the log; the future completes with its result once applied. */
  public CompletableFuture<OperationResult> propose(Operation op) {
    CompletableFuture<OperationResult> result = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(op, result))) {
      result.complete(OperationResult.newBuilder().setError(Errors.of(ErrorCode.UNAVAILABLE,
          "master is overloaded: " + MAX_QUEUED_OPERATIONS + " operations queued")).build());
    }
    return result;
  }

  private void run() {
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        // Waiting for a free slot lets more operations queue up behind the first.
        entriesInFlight.acquire();
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_OPERATIONS_PER_ENTRY - 1);
        submit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(p -> p.result().complete(failure("master is shutting down")));
  }

  private void submit(List<Pending> batch) {
    LogEntry.Builder entry = LogEntry.newBuilder();
    batch.forEach(p -> entry.addOperations(p.operation()));
    raft.submit(entry.build().toByteArray())
        .orTimeout(submitTimeoutMs, TimeUnit.MILLISECONDS)
        .whenComplete((bytes, error) -> {
          entriesInFlight.release();
          if (error != null) {
            LOG.warn("log entry of {} operations failed: {}", batch.size(), error.toString());
            batch.forEach(p -> p.result().complete(failure(
                "operation not committed (leadership lost or quorum unreachable): "
                    + RaftNode.describeFailure(error))));
            return;
          }
          try {
            LogEntryResult results = LogEntryResult.parseFrom(bytes);
            for (int i = 0; i < batch.size(); i++) {
              batch.get(i).result().complete(i < results.getResultsCount() ? results.getResults(i)
                  : failure("log entry was applied before (replayed); retry the call"));
            }
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            batch.forEach(p -> p.result().complete(failure("unreadable state machine reply")));
          }
        });
  }

  private static OperationResult failure(String message) {
    return OperationResult.newBuilder().setError(Errors.of(ErrorCode.UNAVAILABLE, message)).build();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
