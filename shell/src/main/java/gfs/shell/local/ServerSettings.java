package gfs.shell.local;

import gfs.shell.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The KEY=VALUE settings of `./gfs local --set`, checked: a key is a dotted lower-case name,
 * a value fits on one line, and the keys through which ./gfs local wires its servers together
 * (ids, addresses, peers, data directories, chunk size) cannot be overridden.
 */
public final class ServerSettings {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+)*");
  /** Chosen by ./gfs local itself; changing one would cut a server off from the others. */
  static final Set<String> RESERVED = Set.of("master.id", "master.host", "master.port",
      "master.raft.port", "master.metrics.port", "master.peers", "master.shadows", "master.data.dir", "chunk.size",
      "chunkserver.id", "chunkserver.host", "chunkserver.port", "chunkserver.rack",
      "chunkserver.data.dir", "chunkserver.masters", "chunkserver.metrics.port");

  private ServerSettings() {}

  public static Map<String, String> parse(List<String> settings) throws UsageException {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--set takes KEY=VALUE, not '" + setting + "'");
      }
      String key = setting.substring(0, equals).trim();
      String value = setting.substring(equals + 1).trim();
      if (!KEY.matcher(key).matches()) {
        throw new UsageException("--set " + setting + ": '" + key + "' is not a setting name"
            + " (dotted lower-case words, e.g. gc.retention.ms)");
      }
      if (RESERVED.contains(key)) {
        throw new UsageException("--set " + setting + ": " + key + " is chosen by ./gfs local"
            + (key.equals("chunk.size") ? " (use --chunk-size on a new cluster)" : "")
            + " and cannot be set");
      }
      if (value.isEmpty() || value.contains("\\") || value.contains("\n")) {
        throw new UsageException("--set " + setting + ": the value must be non-empty, one line,"
            + " without backslashes");
      }
      parsed.put(key, value);
    }
    return parsed;
  }
}
