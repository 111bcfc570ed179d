package gfs.client.records;

import java.util.BitSet;

/**
 * The sequence numbers of one writer seen so far, in bounded memory: a floor (every sequence
 * at or below it counts as seen) and a bitmap of the {@link #WINDOW} sequences above it.
 *
 * <p>A {@link RecordWriter} used by one thread sends record n+1 only after record n was
 * acknowledged, so its first copies appear in the file in sequence order and the floor simply
 * follows them; appends in flight at once (a writer shared by threads) arrive out of order by
 * at most their number. A gap (a record whose every append failed) holds the floor back until
 * WINDOW later sequences have been seen; then the floor moves past it, and a copy of a
 * sequence that far behind would be taken for a duplicate. With WINDOW far above any
 * realistic number of appends in flight, that never happens to a record a RecordWriter wrote.
 */
final class SequenceWindow {
  /** Sequences tracked above the floor: 4096 bits, 512 bytes per writer. */
  static final int WINDOW = 4096;

  private long floor = -1; // sequences start at 0
  private BitSet above = new BitSet(WINDOW); // bit i: sequence floor + 1 + i was seen

  /** Records sequence as seen; true when it had been seen before (a duplicate). */
  boolean seenBefore(long sequence) {
    if (sequence <= floor) {
      return true;
    }
    long offset = sequence - floor - 1;
    if (offset >= WINDOW) {
      slide(offset - WINDOW + 1);
      offset = WINDOW - 1;
    }
    int bit = (int) offset;
    if (above.get(bit)) {
      return true;
    }
    above.set(bit);
    slide(above.nextClearBit(0)); // every sequence right above the floor was seen: raise it
    return false;
  }

  private void slide(long by) {
    if (by <= 0) {
      return;
    }
    floor += by;
    above = by >= WINDOW ? new BitSet(WINDOW) : above.get((int) by, WINDOW);
  }
}
