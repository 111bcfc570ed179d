package gfs.fault.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Every operation a workload issued and every answer it got, in invocation order. Thread-safe:
 * workload threads invoke and complete operations concurrently. Times come from one
 * monotonic clock started with the history.
 */
public final class History {
  private final long startNanos = System.nanoTime();
  private final List<Op> ops = new ArrayList<>();

  /** Records an invocation; complete it with {@link #ok}, {@link #fail} or {@link #info}. */
  public synchronized int invoke(String process, Op.Kind kind, String path, String target,
      long offset, int length, int writer, int seq) {
    int index = ops.size();
    ops.add(new Op(index, process, kind, path, target, offset, length, writer, seq, now(),
        Long.MAX_VALUE, Op.Outcome.INFO, null, null));
    return index;
  }

  public int invoke(String process, Op.Kind kind, String path) {
    return invoke(process, kind, path, null, 0, 0, 0, 0);
  }

  public synchronized void ok(int index, Object value) {
    ops.set(index, ops.get(index).completed(now(), Op.Outcome.OK, null, value));
  }

  /** An error came back; for a mutation its effect is still unknown (a retry may have applied it). */
  public synchronized void fail(int index, String error) {
    ops.set(index, ops.get(index).completed(now(), Op.Outcome.FAIL, error, null));
  }

  /** No answer within the client's bound (a timeout): it may or may not have happened. */
  public synchronized void info(int index, String error) {
    ops.set(index, ops.get(index).completed(Long.MAX_VALUE, Op.Outcome.INFO, error, null));
  }

  /** Adds a finished operation as is (hand-made histories in the checkers' tests). */
  public synchronized void add(Op.Kind kind, String process, String path, String target,
      long offset, int length, int writer, int seq, long invokeNanos, long completeNanos,
      Op.Outcome outcome, Object value) {
    ops.add(new Op(ops.size(), process, kind, path, target, offset, length, writer, seq,
        invokeNanos, completeNanos, outcome, outcome == Op.Outcome.OK ? null : "error", value));
  }

  private long now() {
    return System.nanoTime() - startNanos;
  }

  public synchronized Op get(int index) {
    return ops.get(index);
  }

  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** The operations around index (before and after each), one line each, for a failure report. */
  public static String around(List<Op> ops, int index, int before, int after) {
    StringBuilder s = new StringBuilder();
    int from = Math.max(0, index - before);
    int to = Math.min(ops.size(), index + after + 1);
    for (int i = from; i < to; i++) {
      s.append(i == index ? ">> " : "   ").append(ops.get(i).describe()).append('\n');
    }
    return s.toString();
  }
}
