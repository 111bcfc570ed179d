package gfs.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** The little JSON the report needs, without a library. */
final class Json {
  private Json() {}

  static String string(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String number(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "null"
        : String.format(Locale.ROOT, "%.6g", value);
  }

  /** {"median":..,"min":..,"max":..,"samples":[..],"errors":n} or {"na": why} or null. */
  static String samples(Measurements.Samples samples, String notApplicable) {
    if (notApplicable != null) {
      return "{\"na\": " + string(notApplicable) + "}";
    }
    if (samples == null) {
      return "null";
    }
    return "{\"median\": " + number(samples.median()) + ", \"min\": " + number(samples.min())
        + ", \"max\": " + number(samples.max()) + ", \"samples\": ["
        + samples.values.stream().map(Json::number).collect(Collectors.joining(", "))
        + "], \"errors\": " + samples.errors + "}";
  }
}
