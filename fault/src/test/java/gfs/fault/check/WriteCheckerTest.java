package gfs.fault.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.fault.history.History;
import gfs.fault.history.Op.Kind;
import gfs.fault.history.Op.Outcome;
import gfs.fault.history.Payloads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made histories of writes and reads that must pass and must fail. */
class WriteCheckerTest {
  private static void write(History h, int seq, long offset, int length, long from, long to,
      Outcome outcome) {
    h.add(Kind.WRITE, "w", "/f", null, offset, length, 1, seq, from, to, outcome, null);
  }

  private static void read(History h, String process, long offset, byte[] bytes, long from, long to) {
    h.add(Kind.READ, process, "/f", null, offset, bytes.length, 0, 0, from, to, Outcome.OK, bytes);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void theLastAcknowledgedWriteOrALaterFailedOneIsFine() {
    History h = new History();
    write(h, 1, 0, 64, 0, 10, Outcome.OK);
    write(h, 2, 32, 64, 20, 30, Outcome.OK);
    write(h, 3, 0, 32, 40, 50, Outcome.FAIL); // may or may not have landed
    byte[] file = concat(Payloads.write(1, 3, 0, 32), Payloads.write(1, 2, 32, 64), new byte[32]);
    read(h, "reader", 0, file, 60, 70);
    read(h, WriteChecker.FINAL, 0, file, 80, 90);
    assertEquals(List.of(), new WriteChecker().check(h.ops()));
  }

  @Test
  void zerosWhereAnAcknowledgedWriteWasAreALostWrite() {
    History h = new History();
    write(h, 1, 0, 64, 0, 10, Outcome.OK);
    read(h, WriteChecker.FINAL, 0, concat(Payloads.write(1, 1, 0, 48), new byte[16]), 20, 30);
    List<Violation> violations = new WriteChecker().check(h.ops());
    assertEquals(1, violations.size());
    assertTrue(violations.get(0).message().contains("lost acknowledged write"), violations.toString());
  }

  @Test
  void olderDataUnderAnAcknowledgedOverwriteIsALostWrite() {
    History h = new History();
    write(h, 1, 0, 32, 0, 10, Outcome.OK);
    write(h, 2, 0, 32, 20, 30, Outcome.OK);
    read(h, WriteChecker.FINAL, 0, Payloads.write(1, 1, 0, 32), 40, 50);
    assertEquals(1, new WriteChecker().check(h.ops()).size());
  }

  @Test
  void aFinalReadShorterThanAnAcknowledgedWriteIsALostWrite() {
    History h = new History();
    write(h, 1, 0, 64, 0, 10, Outcome.OK);
    read(h, WriteChecker.FINAL, 0, Payloads.write(1, 1, 0, 32), 40, 50);
    assertEquals(1, new WriteChecker().check(h.ops()).size());
  }

  @Test
  void bytesOfNoWriteOrAtTheWrongOffsetWereNeverWritten() {
    History garbage = new History();
    write(garbage, 1, 0, 32, 0, 10, Outcome.OK);
    byte[] bytes = Payloads.write(1, 1, 0, 32);
    bytes[20] = 'x';
    bytes[16] = 'x';
    read(garbage, "reader", 0, bytes, 20, 30);
    assertEquals(1, new WriteChecker().check(garbage.ops()).size());

    History shifted = new History();
    write(shifted, 1, 0, 32, 0, 10, Outcome.OK);
    read(shifted, "reader", 16, Payloads.write(1, 1, 0, 16), 20, 30); // offset 0's unit at 16
    assertEquals(1, new WriteChecker().check(shifted.ops()).size());

    History future = new History();
    read(future, "reader", 0, Payloads.write(1, 1, 0, 16), 0, 5);
    write(future, 1, 0, 16, 10, 20, Outcome.OK); // read returned it before it was issued
    assertEquals(1, new WriteChecker().check(future.ops()).size());
  }
}
