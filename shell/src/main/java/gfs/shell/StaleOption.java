package gfs.shell;

import picocli.CommandLine.Option;

/** --stale: metadata reads may be answered by any master, not only the leader. */
public final class StaleOption {
  @Option(names = "--stale",
      description = "Let any master answer the metadata (a follower or a read-only shadow,"
          + " possibly a little behind the leader), so reads go on while no leader is reachable."
          + " Read commands only (ls, stat, cat, head, tail, get, du, checksum).")
  boolean stale;

  public boolean stale() {
    return stale;
  }
}
