package gfs.fault.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.fault.history.History;
import gfs.fault.history.Op;
import gfs.fault.history.Op.Kind;
import gfs.fault.history.Op.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made histories that are and are not linearizable per path. */
class NamespaceCheckerTest {
  private static final long NEVER = Long.MAX_VALUE;

  private static void op(History h, Kind kind, String path, String target, long from, long to,
      Outcome outcome, Object value) {
    h.add(kind, "p", path, target, 0, 0, 0, 0, from, to, outcome, value);
  }

  private static List<Violation> check(History h) {
    return new NamespaceChecker().check(h.ops());
  }

  @Test
  void aCreateSeenByLaterStatsAndGoneAfterDeleteIsLinearizable() {
    History h = new History();
    op(h, Kind.STAT, "/a", null, 0, 5, Outcome.OK, false);
    op(h, Kind.CREATE, "/a", null, 10, 20, Outcome.OK, null);
    op(h, Kind.STAT, "/a", null, 25, 30, Outcome.OK, true);
    op(h, Kind.LIST, "/", null, 31, 32, Outcome.OK, List.of("/a"));
    op(h, Kind.DELETE, "/a", null, 40, 50, Outcome.OK, null);
    op(h, Kind.STAT, "/a", null, 60, 70, Outcome.OK, false);
    assertEquals(List.of(), check(h));
  }

  @Test
  void aStatConcurrentWithTheCreateMaySeeEither() {
    History h = new History();
    op(h, Kind.CREATE, "/a", null, 10, 20, Outcome.OK, null);
    op(h, Kind.STAT, "/a", null, 11, 19, Outcome.OK, true);
    op(h, Kind.STAT, "/a", null, 12, 18, Outcome.OK, false);
    assertEquals(List.of(), check(h));
  }

  @Test
  void anAcknowledgedCreateInvisibleToALaterStatIsAViolation() {
    History h = new History();
    op(h, Kind.CREATE, "/a", null, 10, 20, Outcome.OK, null);
    op(h, Kind.STAT, "/a", null, 30, 40, Outcome.OK, false);
    assertEquals(1, check(h).size());
  }

  @Test
  void seeingAFileBeforeItsCreateWasInvokedIsAViolation() {
    History h = new History();
    op(h, Kind.STAT, "/a", null, 0, 5, Outcome.OK, true);
    op(h, Kind.CREATE, "/a", null, 10, 20, Outcome.OK, null);
    assertEquals(1, check(h).size());
  }

  @Test
  void aTimedOutCreateMayHaveHappenedOrNot() {
    History seen = new History();
    op(seen, Kind.CREATE, "/a", null, 10, NEVER, Outcome.INFO, null);
    op(seen, Kind.STAT, "/a", null, 30, 40, Outcome.OK, true);
    op(seen, Kind.STAT, "/a", null, 50, 60, Outcome.OK, true);
    assertEquals(List.of(), check(seen));
    History unseen = new History();
    op(unseen, Kind.CREATE, "/a", null, 10, 11, Outcome.FAIL, null);
    op(unseen, Kind.STAT, "/a", null, 30, 40, Outcome.OK, false);
    assertEquals(List.of(), check(unseen));
  }

  @Test
  void aFileThatFlickersBackAfterBeingSeenGoneIsAViolation() {
    History h = new History();
    op(h, Kind.CREATE, "/a", null, 10, NEVER, Outcome.INFO, null);
    op(h, Kind.STAT, "/a", null, 30, 40, Outcome.OK, true);
    op(h, Kind.STAT, "/a", null, 50, 60, Outcome.OK, false);
    op(h, Kind.STAT, "/a", null, 70, 80, Outcome.OK, true);
    assertEquals(1, check(h).size());
  }

  @Test
  void aRenameMovesTheFileFromOneNameToTheOther() {
    History h = new History();
    op(h, Kind.CREATE, "/a", null, 0, 5, Outcome.OK, null);
    op(h, Kind.RENAME, "/a", "/b", 10, 20, Outcome.OK, null);
    op(h, Kind.STAT, "/b", null, 30, 40, Outcome.OK, true);
    op(h, Kind.LIST, "/", null, 30, 40, Outcome.OK, List.of("/b"));
    assertEquals(List.of(), check(h));
    op(h, Kind.STAT, "/a", null, 50, 60, Outcome.OK, true); // the old name still there
    assertEquals(1, check(h).size());
  }

  @Test
  void aListThatOmitsAnAcknowledgedFileIsAViolation() {
    History h = new History();
    op(h, Kind.CREATE, "/d/a", null, 0, 5, Outcome.OK, null);
    op(h, Kind.LIST, "/d", null, 10, 20, Outcome.OK, List.of());
    List<Violation> violations = check(h);
    assertEquals(1, violations.size());
    assertTrue(violations.get(0).message().contains("/d/a"), violations.toString());
  }
}
