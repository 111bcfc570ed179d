package gfs.client.records;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {
  @Test
  void inOrderSequencesAreNewAndRepeatsAreNot() {
    SequenceWindow window = new SequenceWindow();
    for (long s = 0; s < 3 * SequenceWindow.WINDOW; s++) {
      assertFalse(window.seenBefore(s), "first copy of " + s);
      assertTrue(window.seenBefore(s), "second copy of " + s);
    }
    assertTrue(window.seenBefore(0));
  }

  @Test
  void outOfOrderArrivalsWithinTheWindowAreEachNewOnce() {
    SequenceWindow window = new SequenceWindow();
    long[] order = {3, 1, 0, 2, 7, 5, 6, 4};
    for (long s : order) {
      assertFalse(window.seenBefore(s), "first copy of " + s);
    }
    for (long s : order) {
      assertTrue(window.seenBefore(s), "repeat of " + s);
    }
  }

  @Test
  void aGapIsRememberedUntilAWindowOfLaterSequencesPassed() {
    SequenceWindow window = new SequenceWindow();
    window.seenBefore(0);
    // Sequence 1 never arrives (every append of it failed); later ones do.
    for (long s = 2; s <= SequenceWindow.WINDOW; s++) {
      assertFalse(window.seenBefore(s));
    }
    assertFalse(window.seenBefore(1), "a late first copy within the window is new");
    assertTrue(window.seenBefore(1));

    SequenceWindow far = new SequenceWindow();
    far.seenBefore(0);
    assertFalse(far.seenBefore(10L * SequenceWindow.WINDOW), "a jump far ahead is new");
    assertTrue(far.seenBefore(10L * SequenceWindow.WINDOW));
    assertFalse(far.seenBefore(10L * SequenceWindow.WINDOW - 5), "within the window below it");
  }
}
