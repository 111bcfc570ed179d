package gfs.fault.check;

import gfs.fault.history.Op;
import gfs.fault.history.Payloads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes at an offset, checked unit by unit (16 bytes, {@link Payloads}). The workload writes
 * each file from one thread, so the writes to a file are serial and their seq grows.
 *
 * <ul>
 *   <li>No read returns bytes that were never written: every non-zero unit any READ returned
 *       must name a WRITE of the history to the same path, invoked before the read completed,
 *       covering that unit at that very offset.</li>
 *   <li>Every acknowledged write is readable with its data (SPEC: serial success is defined):
 *       in the final reads (process {@link #FINAL}, done after the faults healed, each from its
 *       offset to the end of the file), every unit
 *       covered by an acknowledged write holds the data of the last acknowledged write covering
 *       it, or of a later write (acknowledged or not: a failed write may leave its data, the
 *       "inconsistent" cell of SPEC's table), never zeros nor older data.</li>
 * </ul>
 * Reads during the workload are not required to see acknowledged data: GFS allows a reader
 * with cached locations to read a replica that missed a later mutation until the cache expires.
 */
public final class WriteChecker {
  /** The process name of the reads made after the faults, that must see every acknowledged write. */
  public static final String FINAL = "final";

  private record WriteKey(String path, int writer, int seq) {}

  public List<Violation> check(List<Op> history) {
    Map<WriteKey, Op> writes = new HashMap<>();
    Map<String, List<Op>> acked = new HashMap<>();
    for (Op op : history) {
      if (op.kind() == Op.Kind.WRITE) {
        writes.put(new WriteKey(op.path(), op.writer(), op.seq()), op);
        if (op.ok()) {
          acked.computeIfAbsent(op.path(), p -> new ArrayList<>()).add(op);
        }
      }
    }
    List<Violation> violations = new ArrayList<>();
    for (Op read : history) {
      if (read.kind() != Op.Kind.READ || !read.ok() || !(read.value() instanceof byte[] bytes)
          || !writtenPath(read.path(), writes)) {
        continue;
      }
      checkNeverWritten(read, bytes, writes, violations);
      if (FINAL.equals(read.process())) {
        checkAcknowledged(read, bytes, acked.getOrDefault(read.path(), List.of()), violations);
      }
    }
    return violations;
  }

  private static boolean writtenPath(String path, Map<WriteKey, Op> writes) {
    return writes.keySet().stream().anyMatch(k -> k.path.equals(path));
  }

  private static void checkNeverWritten(Op read, byte[] bytes, Map<WriteKey, Op> writes,
      List<Violation> violations) {
    for (int i = 0; i + Payloads.UNIT_BYTES <= bytes.length; i += Payloads.UNIT_BYTES) {
      long offset = read.offset() + i;
      Payloads.Unit unit = Payloads.unit(bytes, i);
      if (unit.zero()) {
        continue;
      }
      Op write = unit.valid() ? writes.get(new WriteKey(read.path(), unit.writer(), unit.seq())) : null;
      if (write == null || unit.offset() != offset || offset < write.offset()
          || offset >= write.offset() + write.length() || write.invokeNanos() > read.completeNanos()) {
        violations.add(new Violation("write", read.index(), "read of " + read.path() + " returned"
            + " at offset " + offset + " bytes never written there: " + describe(unit)
            + (write == null ? " (no such write)" : " (write #" + write.index() + ")")));
        return; // one per read is enough to see it
      }
    }
  }

  private static void checkAcknowledged(Op read, byte[] bytes, List<Op> ackedWrites,
      List<Violation> violations) {
    for (Op write : ackedWrites) {
      for (long offset = write.offset(); offset < write.offset() + write.length();
          offset += Payloads.UNIT_BYTES) {
        if (offset < read.offset()) {
          continue; // before this read's range (a final read runs to the end of the file)
        }
        Op last = lastAcknowledgedCovering(ackedWrites, offset);
        if (last != write) {
          continue; // judged with the write that covers it last
        }
        int pos = (int) (offset - read.offset());
        Payloads.Unit unit = pos + Payloads.UNIT_BYTES <= bytes.length
            ? Payloads.unit(bytes, pos) : null;
        if (unit == null || unit.zero() || !unit.valid() || unit.writer() != write.writer()
            || unit.seq() < write.seq() || unit.offset() != offset) {
          violations.add(new Violation("write", read.index(), "final read of " + read.path()
              + " at offset " + offset + " lost acknowledged write #" + write.index() + " (w"
              + write.writer() + "/s" + write.seq() + "): found "
              + (unit == null ? "end of file at " + (read.offset() + bytes.length) : describe(unit))));
          return;
        }
      }
    }
  }

  private static Op lastAcknowledgedCovering(List<Op> ackedWrites, long offset) {
    Op last = null;
    for (Op write : ackedWrites) {
      if (offset >= write.offset() && offset < write.offset() + write.length()
          && (last == null || write.seq() > last.seq())) {
        last = write;
      }
    }
    return last;
  }

  private static String describe(Payloads.Unit unit) {
    if (unit.zero()) {
      return "zeros";
    }
    return unit.valid() ? "w" + unit.writer() + "/s" + unit.seq() + " meant for offset " + unit.offset()
        : "bytes of no write";
  }
}
