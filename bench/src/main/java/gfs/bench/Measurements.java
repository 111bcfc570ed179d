package gfs.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The samples of every figure (one per run, or per kill or restart), by row id and system. */
final class Measurements {
  /** The samples of one figure of one system, with the failed operations seen while measuring it. */
  static final class Samples {
    final List<Double> values = new ArrayList<>();
    long errors;
    String firstError;

    double median() {
      if (values.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(null);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
      return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  private final Map<String, Map<SystemName, Samples>> byRow = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void add(String rowId, SystemName system, double value) {
    samples(rowId, system).values.add(value);
  }

  synchronized void addErrors(String rowId, SystemName system, long errors, String firstError) {
    Samples samples = samples(rowId, system);
    samples.errors += errors;
    if (samples.firstError == null && firstError != null) {
      samples.firstError = firstError;
    }
  }

  /** The samples of a figure, or null when it was not measured. */
  synchronized Samples get(String rowId, SystemName system) {
    Map<SystemName, Samples> row = byRow.get(rowId);
    return row == null ? null : row.get(system);
  }

  /** The median, NaN when the figure was not measured. */
  synchronized double median(String rowId, SystemName system) {
    Samples samples = get(rowId, system);
    return samples == null ? Double.NaN : samples.median();
  }

  synchronized void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  private Samples samples(String rowId, SystemName system) {
    return byRow.computeIfAbsent(rowId, r -> new EnumMap<>(SystemName.class))
        .computeIfAbsent(system, s -> new Samples());
  }
}
