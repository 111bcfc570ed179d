package gfs.client.records;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells whether a record id was seen before, in bounded memory: one {@link SequenceWindow}
 * (about 600 bytes) for each of the {@link #MAX_WRITERS} writers seen most recently. When
 * more writers than that interleave, the least recently seen one is forgotten, and a later
 * copy of one of its records is let through: under memory pressure the filter errs toward
 * a duplicate (which at-least-once readers must tolerate anyway), never toward dropping a
 * record it has not seen. Not thread-safe.
 */
final class DuplicateFilter {
  /** Writers remembered at once: at most about 10 MB of state. */
  static final int MAX_WRITERS = 16_384;

  private final Map<Long, SequenceWindow> writers =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SequenceWindow> eldest) {
          return size() > MAX_WRITERS;
        }
      };

  /** Records id as seen; true when it had been seen before. */
  boolean seenBefore(RecordId id) {
    return writers.computeIfAbsent(id.writerId(), w -> new SequenceWindow()).seenBefore(id.sequence());
  }
}
