package gfs.fault.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.fault.history.History;
import gfs.fault.history.Op.Kind;
import gfs.fault.history.Op.Outcome;
import gfs.fault.history.Payloads;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made appended files: padding and duplicates pass, torn and missing records fail. */
class AppendCheckerTest {
  private static void append(History h, int writer, int seq, int length, Outcome outcome, Long offset) {
    h.add(Kind.APPEND, "a", "/log", null, 0, length, writer, seq, 0, 10, outcome, offset);
  }

  private static void finalRead(History h, byte[] bytes) {
    h.add(Kind.READ, "final", "/log", null, 0, bytes.length, 0, 0, 20, 30, Outcome.OK, bytes);
  }

  @Test
  void recordsWithPaddingAndDuplicatesBetweenThemPass() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(Payloads.record(1, 1, 100));
    file.writeBytes(Payloads.record(2, 1, 50)); // a failed attempt's copy...
    file.writeBytes(new byte[30]); // ...padding...
    file.writeBytes(Payloads.record(2, 1, 50)); // ...and the acknowledged retry
    History h = new History();
    append(h, 1, 1, 100, Outcome.OK, 0L);
    append(h, 2, 1, 50, Outcome.OK, 180L);
    append(h, 3, 1, 70, Outcome.FAIL, null); // never landed: fine
    finalRead(h, file.toByteArray());
    assertEquals(List.of(), new AppendChecker().check(h.ops()));
  }

  @Test
  void anAcknowledgedRecordMissingAtItsOffsetIsAViolation() {
    History h = new History();
    append(h, 1, 1, 100, Outcome.OK, 0L);
    append(h, 1, 2, 100, Outcome.OK, 100L);
    finalRead(h, Payloads.record(1, 1, 100));
    assertEquals(1, new AppendChecker().check(h.ops()).size());
  }

  @Test
  void aTornRecordIsAViolation() {
    byte[] file = Payloads.record(1, 1, 100);
    file[60] = 0;
    History h = new History();
    append(h, 1, 1, 100, Outcome.FAIL, null);
    finalRead(h, file);
    assertEquals(1, new AppendChecker().check(h.ops()).size());
  }

  @Test
  void bytesNobodyAppendedAreAViolation() {
    History h = new History();
    append(h, 1, 1, 100, Outcome.OK, 0L);
    byte[] file = new byte[120];
    System.arraycopy(Payloads.record(1, 1, 100), 0, file, 0, 100);
    file[110] = 'z';
    finalRead(h, file);
    assertEquals(1, new AppendChecker().check(h.ops()).size());
  }
}
