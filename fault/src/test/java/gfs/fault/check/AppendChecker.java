package gfs.fault.check;

import gfs.fault.history.Op;
import gfs.fault.history.Payloads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Record appends (SPEC: at-least-once, atomic, at an offset the primary chooses; duplicates and
 * padding between records, never torn or interleaved), judged on the final reads of each
 * appended file (process {@link WriteChecker#FINAL}, after the faults healed):
 * <ul>
 *   <li>every acknowledged APPEND is present whole at the offset it was told;</li>
 *   <li>the file is a sequence of zero bytes (padding) and whole records each issued by some
 *       APPEND of the history (a record appended more than once is a duplicate: allowed);
 *       anything else, a torn record or bytes nobody appended, is a violation.</li>
 * </ul>
 * A record's bytes name it ({@link Payloads#record}), so the scan knows where each one ends.
 */
public final class AppendChecker {
  private record RecordKey(String path, int writer, int seq) {}

  public List<Violation> check(List<Op> history) {
    Map<RecordKey, Op> issued = new HashMap<>();
    for (Op op : history) {
      if (op.kind() == Op.Kind.APPEND) {
        issued.put(new RecordKey(op.path(), op.writer(), op.seq()), op);
      }
    }
    List<Violation> violations = new ArrayList<>();
    for (Op read : history) {
      if (read.kind() != Op.Kind.READ || !read.ok() || !WriteChecker.FINAL.equals(read.process())
          || !(read.value() instanceof byte[] bytes) || read.offset() != 0) {
        continue;
      }
      boolean appended = issued.keySet().stream().anyMatch(k -> k.path.equals(read.path()));
      if (!appended) {
        continue;
      }
      for (Op append : issued.values()) {
        if (append.path().equals(read.path()) && append.ok()) {
          long offset = (Long) append.value();
          if (!Payloads.wholeRecordAt(bytes, offset, append.writer(), append.seq(), append.length())) {
            violations.add(new Violation("append", append.index(), "acknowledged record w"
                + append.writer() + "/s" + append.seq() + " (" + append.length() + " bytes) is not"
                + " whole at its offset " + offset + " of " + read.path() + " (final read #"
                + read.index() + ", " + bytes.length + " bytes)"));
          }
        }
      }
      scan(read, bytes, issued, violations);
    }
    return violations;
  }

  /** Walks the file: padding byte by byte, records whole; stops at the first other byte. */
  private static void scan(Op read, byte[] bytes, Map<RecordKey, Op> issued,
      List<Violation> violations) {
    int pos = 0;
    while (pos < bytes.length) {
      if (bytes[pos] == 0) {
        pos++;
        continue;
      }
      int[] header = Payloads.recordHeader(bytes, pos);
      Op append = header == null ? null : issued.get(new RecordKey(read.path(), header[0], header[1]));
      if (append == null || append.length() != header[2]
          || !Payloads.wholeRecordAt(bytes, pos, header[0], header[1], header[2])) {
        violations.add(new Violation("append", read.index(), "final read of " + read.path()
            + ": offset " + pos + " holds neither padding nor a whole appended record"
            + (append == null ? " (no record of the history starts there)" : " (a torn copy of "
            + "w" + header[0] + "/s" + header[1] + ", append #" + append.index() + ")")));
        return;
      }
      pos += header[2];
    }
  }
}
