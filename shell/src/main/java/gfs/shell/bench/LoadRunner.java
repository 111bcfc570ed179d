package gfs.shell.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs one operation from several threads at once and times every call: either for a fixed
 * time after a warm-up, or until a number of operations is done (or a time bound passes).
 * Each operation is bounded by the client's own operation timeout, so a run ends at most that
 * long after its time is up.
 */
public final class LoadRunner {
  /** One operation; sequence numbers are unique across the threads of a run (per thread with countedEach). */
  public interface Operation {
    void run(long sequence) throws Exception;
  }

  /** Makes the operation of one thread (e.g. bound to that thread's own client). */
  public interface OperationFactory {
    Operation forThread(int thread) throws Exception;
  }

  /** Called now and then from the runner's thread while a run goes on. */
  public interface Progress {
    void report(long done, double elapsedSeconds);
  }

  private static final long JOIN_GRACE_MS = 120_000;

  private LoadRunner() {}

  /** Runs for warmupMs unrecorded, then measureMs recorded. */
  public static LoadResult timed(String what, int threads, long warmupMs, long measureMs,
      OperationFactory factory, AtomicLong sequence) throws Exception {
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
    long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMs);
    return run(what, threads, factory, t -> sequence, Long.MAX_VALUE, measureFrom, end, null, 0);
  }

  /**
   * Runs until `operations` sequence numbers below limit are taken or timeLimitMs passes;
   * everything is recorded.
   */
  public static LoadResult counted(String what, int threads, long limit, long timeLimitMs,
      OperationFactory factory, AtomicLong sequence, Progress progress, long progressEveryMs)
      throws Exception {
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(timeLimitMs);
    return run(what, threads, factory, t -> sequence, limit, start, end, progress,
        progressEveryMs);
  }

  /**
   * Like {@link #counted}, but every thread runs its own sequence 0..perThread-1 (e.g. the
   * writes of its own file), so each does exactly perThread operations unless time runs out.
   */
  public static LoadResult countedEach(String what, int threads, long perThread, long timeLimitMs,
      OperationFactory factory, Progress progress, long progressEveryMs) throws Exception {
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(timeLimitMs);
    return run(what, threads, factory, t -> new AtomicLong(), perThread, start, end, progress,
        progressEveryMs);
  }

  private static LoadResult run(String what, int threads, OperationFactory factory,
      IntFunction<AtomicLong> sequences, long limit, long measureFrom, long end,
      Progress progress, long progressEveryMs) throws Exception {
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(new Worker(factory.forThread(t), sequences.apply(t), limit, measureFrom, end));
    }
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(workers.get(t), "bench-" + what.replace(' ', '-') + "-" + t);
      thread.setDaemon(true);
      thread.start();
      running.add(thread);
    }
    long started = System.nanoTime();
    long nextProgress = started + TimeUnit.MILLISECONDS.toNanos(Math.max(progressEveryMs, 1));
    long joinBy = end + TimeUnit.MILLISECONDS.toNanos(JOIN_GRACE_MS);
    for (Thread thread : running) {
      while (thread.isAlive() && System.nanoTime() < joinBy) {
        thread.join(200);
        if (progress != null && System.nanoTime() >= nextProgress) {
          long done = workers.stream().mapToLong(Worker::done).sum();
          progress.report(done, (System.nanoTime() - started) / 1e9);
          nextProgress += TimeUnit.MILLISECONDS.toNanos(progressEveryMs);
        }
      }
      if (thread.isAlive()) {
        throw new IllegalStateException(what + ": thread " + thread.getName()
            + " still busy " + JOIN_GRACE_MS / 1000 + " s after the run ended");
      }
    }
    long finished = Math.min(System.nanoTime(), Math.max(end, measureFrom));
    LatencyHistogram latencies = new LatencyHistogram();
    long errors = 0;
    String firstError = null;
    long lastDone = measureFrom;
    for (Worker worker : workers) {
      latencies.add(worker.latencies);
      errors += worker.errors;
      if (firstError == null) {
        firstError = worker.firstError.get();
      }
      lastDone = Math.max(lastDone, worker.lastDoneNanos);
    }
    // A counted run ends when its last operation does; a timed one at its end time.
    long until = limit == Long.MAX_VALUE ? finished : lastDone;
    double seconds = Math.max(1e-9, (until - measureFrom) / 1e9);
    return new LoadResult(what, threads, latencies.count(), errors, seconds, latencies, firstError);
  }

  private static final class Worker implements Runnable {
    private final Operation operation;
    private final AtomicLong sequence;
    private final long limit;
    private final long measureFrom;
    private final long end;
    final LatencyHistogram latencies = new LatencyHistogram();
    final AtomicReference<String> firstError = new AtomicReference<>();
    volatile long doneCount;
    long errors;
    long lastDoneNanos;

    Worker(Operation operation, AtomicLong sequence, long limit, long measureFrom, long end) {
      this.operation = operation;
      this.sequence = sequence;
      this.limit = limit;
      this.measureFrom = measureFrom;
      this.end = end;
    }

    long done() {
      return doneCount;
    }

    @Override
    public void run() {
      while (System.nanoTime() < end) {
        long seq = sequence.getAndIncrement();
        if (seq >= limit) {
          return;
        }
        long begin = System.nanoTime();
        try {
          operation.run(seq);
        } catch (Exception e) {
          errors++;
          firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
          continue;
        }
        long finish = System.nanoTime();
        if (begin >= measureFrom && finish <= end) {
          latencies.recordNanos(finish - begin);
          lastDoneNanos = finish;
        }
        doneCount++;
      }
    }
  }
}
