package gfs.fault.history;

/**
 * One operation of a history: what a client issued, when, and what it was told.
 *
 * @param index position in the history (order of invocation)
 * @param process the named workload thread that issued it
 * @param path the file or directory it addressed (for RENAME the source)
 * @param target RENAME's destination, else null
 * @param offset WRITE/READ: byte offset; APPEND: ignored (the answer carries the offset)
 * @param length WRITE/READ/APPEND: bytes asked for
 * @param writer WRITE/APPEND: who wrote the self-identifying bytes ({@link Payloads})
 * @param seq WRITE/APPEND: the writer's sequence number of this operation
 * @param invokeNanos when it was issued, nanoseconds since the history started
 * @param completeNanos when its answer came, or {@link Long#MAX_VALUE} while it has none
 * @param outcome OK, FAIL (an error came back) or INFO (no answer: it may or may not have
 *     taken effect)
 * @param error the error's kind and message when it failed
 * @param value the answer: STAT Boolean (exists), LIST java.util.List of full paths, READ
 *     byte[] (the bytes returned), APPEND Long (the offset chosen), else null
 */
public record Op(int index, String process, Kind kind, String path, String target, long offset,
    int length, int writer, int seq, long invokeNanos, long completeNanos, Outcome outcome,
    String error, Object value) {

  /** FAULT: not an operation but a fault injected (path: what), shown among the operations. */
  public enum Kind { CREATE, DELETE, RENAME, STAT, LIST, WRITE, READ, APPEND, FAULT }

  public enum Outcome { OK, FAIL, INFO }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /** A mutation whose effect is unknown: it failed (retries may have applied it) or never answered. */
  public boolean indeterminate() {
    return outcome != Outcome.OK;
  }

  Op completed(long nanos, Outcome result, String errorText, Object answer) {
    return new Op(index, process, kind, path, target, offset, length, writer, seq, invokeNanos,
        nanos, result, errorText, answer);
  }

  /** One line for a failure report: index, times in ms, process, op and answer. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(java.util.Locale.ROOT, "#%-5d %9.3f..%-9s %-12s %-6s %s", index,
        invokeNanos / 1e6, completeNanos == Long.MAX_VALUE ? "?" : String.format(
            java.util.Locale.ROOT, "%.3f", completeNanos / 1e6), process, kind, path));
    if (target != null) {
      s.append(" -> ").append(target);
    }
    if (kind == Kind.WRITE || kind == Kind.READ) {
      s.append(" @").append(offset).append("+").append(length);
    }
    if (kind == Kind.WRITE || kind == Kind.APPEND) {
      s.append(" w").append(writer).append("/s").append(seq);
    }
    s.append(" ").append(outcome);
    if (error != null) {
      s.append(" ").append(error);
    }
    if (value instanceof byte[] bytes) {
      s.append(" read ").append(bytes.length).append(" bytes");
    } else if (value != null) {
      String text = value.toString();
      s.append(" ").append(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
    return s.toString();
  }
}
