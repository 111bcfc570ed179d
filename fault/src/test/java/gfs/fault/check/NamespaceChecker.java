package gfs.fault.check;

import gfs.fault.history.Op;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SPEC "Namespace mutations are atomic and linearizable", checked per path: each path is one
 * register (exists or not), and the operations that touch it must have a linearization, a
 * total order consistent with real time (an operation that completed before another was
 * invoked comes first) in which every answer is the register's state at that point. The
 * search is Wing and Gong's: repeatedly pick an operation invoked before every remaining
 * one completed, apply it to the model, backtrack on a wrong answer; memoized on (operations
 * done, state).
 *
 * <p>What each operation means to a path's register: CREATE p OK: absent -> present.
 * DELETE p OK: present -> absent. RENAME a b OK: a present -> absent, b absent -> present.
 * STAT p OK: observes present/absent. LIST d OK: observes, for every path of the history
 * directly under d, whether it was listed. A mutation that failed or never answered is
 * indeterminate: it may take effect at any point after its invocation, or never (a client
 * retry may have applied an attempt whose answer was lost). Failed reads say nothing.
 *
 * <p>Not checked: atomicity across paths (a RENAME's two names, or one LIST's entries, are
 * linearized independently per path), directories' own existence, and attributes. A path
 * with more than {@link #MAX_OPS_PER_PATH} operations, or whose search exceeds
 * {@link #MAX_STATES} states, is reported as unchecked, not as a violation.
 */
public final class NamespaceChecker {
  public static final int MAX_OPS_PER_PATH = 2_000;
  public static final int MAX_STATES = 200_000;

  /** What one operation does to one path's register. */
  private enum Effect { ADD, REMOVE, SEES_PRESENT, SEES_ABSENT }

  private record Step(Op op, Effect effect, long invoke, long complete, boolean optional) {}

  private final List<String> unchecked = new ArrayList<>();

  public List<Violation> check(List<Op> history) {
    Map<String, List<Step>> byPath = stepsByPath(history);
    List<Violation> violations = new ArrayList<>();
    for (Map.Entry<String, List<Step>> entry : byPath.entrySet()) {
      List<Step> steps = entry.getValue();
      if (steps.size() > MAX_OPS_PER_PATH) {
        unchecked.add(entry.getKey() + " (" + steps.size() + " operations)");
        continue;
      }
      Search search = new Search(steps);
      Boolean ok = search.linearizable(new BitSet(), false);
      if (search.states > MAX_STATES) {
        unchecked.add(entry.getKey() + " (search too large)");
      } else if (!ok) {
        StringBuilder ops = new StringBuilder();
        for (Step step : steps) {
          ops.append(" #").append(step.op.index()).append(' ').append(step.effect);
        }
        violations.add(new Violation("namespace", steps.get(0).op.index(), "path "
            + entry.getKey() + ": no linearization of its operations as one register:" + ops));
      }
    }
    return violations;
  }

  /** Paths that could not be checked within the bounds (reported by the tests, not failed). */
  public List<String> unchecked() {
    return unchecked;
  }

  private static Map<String, List<Step>> stepsByPath(List<Op> history) {
    Set<String> paths = new HashSet<>();
    for (Op op : history) {
      switch (op.kind()) {
        case CREATE, DELETE, STAT -> paths.add(op.path());
        case RENAME -> {
          paths.add(op.path());
          paths.add(op.target());
        }
        default -> { }
      }
    }
    Map<String, List<Step>> byPath = new LinkedHashMap<>();
    for (Op op : history) {
      long complete = op.ok() ? op.completeNanos() : Long.MAX_VALUE;
      boolean optional = !op.ok();
      switch (op.kind()) {
        case CREATE -> add(byPath, op.path(), new Step(op, Effect.ADD, op.invokeNanos(), complete, optional));
        case DELETE -> add(byPath, op.path(), new Step(op, Effect.REMOVE, op.invokeNanos(), complete, optional));
        case RENAME -> {
          add(byPath, op.path(), new Step(op, Effect.REMOVE, op.invokeNanos(), complete, optional));
          add(byPath, op.target(), new Step(op, Effect.ADD, op.invokeNanos(), complete, optional));
        }
        case STAT -> {
          if (op.ok()) {
            Effect seen = Boolean.TRUE.equals(op.value()) ? Effect.SEES_PRESENT : Effect.SEES_ABSENT;
            add(byPath, op.path(), new Step(op, seen, op.invokeNanos(), complete, false));
          }
        }
        case LIST -> {
          if (op.ok() && op.value() instanceof List<?> names) {
            String dir = op.path().endsWith("/") ? op.path() : op.path() + "/";
            for (String path : paths) {
              if (path.startsWith(dir) && path.indexOf('/', dir.length()) < 0) {
                Effect seen = names.contains(path) ? Effect.SEES_PRESENT : Effect.SEES_ABSENT;
                add(byPath, path, new Step(op, seen, op.invokeNanos(), complete, false));
              }
            }
          }
        }
        default -> { }
      }
    }
    return byPath;
  }

  private static void add(Map<String, List<Step>> byPath, String path, Step step) {
    byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(step);
  }

  /** Wing and Gong's search over one path's steps, memoized on (steps done, exists). */
  private static final class Search {
    private record Key(BitSet done, boolean exists) {}

    private final List<Step> steps;
    private final Set<Key> seen = new HashSet<>();
    private final BitSet required = new BitSet();
    long states;

    Search(List<Step> steps) {
      this.steps = steps;
      for (int i = 0; i < steps.size(); i++) {
        if (!steps.get(i).optional) {
          required.set(i);
        }
      }
    }

    boolean linearizable(BitSet done, boolean exists) {
      BitSet missing = (BitSet) required.clone();
      missing.andNot(done);
      if (missing.isEmpty()) {
        return true; // optional (indeterminate) steps left over simply never took effect
      }
      if (++states > MAX_STATES || !seen.add(new Key((BitSet) done.clone(), exists))) {
        return false;
      }
      long earliestComplete = Long.MAX_VALUE;
      for (int i = done.nextClearBit(0); i < steps.size(); i = done.nextClearBit(i + 1)) {
        earliestComplete = Math.min(earliestComplete, steps.get(i).complete);
      }
      for (int i = done.nextClearBit(0); i < steps.size(); i = done.nextClearBit(i + 1)) {
        Step step = steps.get(i);
        if (step.invoke > earliestComplete) {
          continue; // cannot come before a step that completed before it began
        }
        Boolean next = apply(step.effect, exists);
        if (next != null) {
          done.set(i);
          boolean found = linearizable(done, next);
          done.clear(i);
          if (found) {
            return true;
          }
        }
      }
      return false;
    }

    /** The state after the step, or null when the step's answer is impossible in this state. */
    private static Boolean apply(Effect effect, boolean exists) {
      return switch (effect) {
        case ADD -> exists ? null : Boolean.TRUE;
        case REMOVE -> exists ? Boolean.FALSE : null;
        case SEES_PRESENT -> exists ? Boolean.TRUE : null;
        case SEES_ABSENT -> exists ? null : Boolean.FALSE;
      };
    }
  }
}
