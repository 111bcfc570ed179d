package gfs.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parts of the benchmark, as named by --only. */
enum Phase {
  LIMITS, HDFS_DATA, HDFS_META, HDFS_RESTART, GFS_DATA, GFS_APPEND, GFS_META, GFS_FAILOVER,
  GFS_RESTART;

  /** limits, hdfs-data, ... */
  String flagName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Set<Phase> parse(List<String> names) {
    if (names.isEmpty()) {
      return EnumSet.allOf(Phase.class);
    }
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : names) {
      Phase phase = null;
      for (Phase candidate : values()) {
        if (candidate.flagName().equals(name.trim())) {
          phase = candidate;
        }
      }
      if (phase == null) {
        throw new IllegalArgumentException("--only: unknown phase '" + name + "'; phases: "
            + String.join(", ", EnumSet.allOf(Phase.class).stream().map(Phase::flagName).toList()));
      }
      phases.add(phase);
    }
    return phases;
  }

  static boolean anyOf(Set<Phase> phases, SystemName system) {
    return phases.stream().anyMatch(p -> p.name().startsWith(system.name() + "_"));
  }
}
