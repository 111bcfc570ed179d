package gfs.shell;

import gfs.client.ClientConfig;
import gfs.rpc.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cluster a client command talks to, in this order: --conf FILE, $GFS_CONF, --masters,
 * the cluster last started with ./gfs local ($GFS_HOME/last-local names its client.conf).
 */
public final class ClusterDiscovery {
  public static final String NO_CLUSTER =
      "no cluster given: use --conf, GFS_CONF or --masters, or start one with ./gfs local";
  /** The file ./gfs local writes under $GFS_HOME: the path of its client.conf. */
  public static final String LAST_LOCAL = "last-local";

  private ClusterDiscovery() {}

  /** Where the client config comes from; exactly one of confFile and masters is set. */
  public record Source(String origin, Path confFile, List<String> masters) {}

  public static Source resolve(ClientOptions options, ShellContext context) throws UsageException {
    if (options.conf() != null) {
      return new Source("--conf", options.conf(), null);
    }
    String envConf = context.env("GFS_CONF");
    if (envConf != null) {
      return new Source("GFS_CONF", Path.of(envConf), null);
    }
    if (options.masters() != null) {
      return new Source("--masters", null, parseMasters(options.masters()));
    }
    Path lastLocal = context.gfsHome().resolve(LAST_LOCAL);
    if (Files.isRegularFile(lastLocal)) {
      Path conf = readLastLocal(lastLocal);
      if (!Files.isRegularFile(conf)) {
        throw new UsageException("no cluster given, and the last local cluster's config " + conf
            + " is gone: use --conf, GFS_CONF or --masters, or start one with ./gfs local");
      }
      return new Source(lastLocal.toString(), conf, null);
    }
    throw new UsageException(NO_CLUSTER);
  }

  /** Loads the config the source names, with --timeout applied. */
  public static ClientConfig load(Source source, Long timeoutMs) throws IOException, UsageException {
    ClientConfig config;
    if (source.confFile() != null) {
      if (!Files.isRegularFile(source.confFile())) {
        throw new UsageException("client config " + source.confFile() + " (from " + source.origin()
            + ") does not exist");
      }
      try {
        config = ClientConfig.load(source.confFile());
      } catch (IllegalArgumentException e) {
        throw new UsageException(source.confFile() + ": " + e.getMessage());
      }
    } else {
      config = ClientConfig.of(source.masters());
    }
    if (timeoutMs != null) {
      if (timeoutMs <= 0) {
        throw new UsageException("--timeout must be a positive number of ms, not " + timeoutMs);
      }
      config = config.withOperationTimeoutMs(timeoutMs);
    }
    return config;
  }

  static List<String> parseMasters(String text) throws UsageException {
    List<String> masters = new ArrayList<>();
    try {
      for (HostPort address : HostPort.parseList(text)) {
        masters.add(address.toString());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--masters: " + e.getMessage());
    }
    if (masters.isEmpty()) {
      throw new UsageException("--masters: no address given (host:port,...)");
    }
    return masters;
  }

  private static Path readLastLocal(Path file) throws UsageException {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw new UsageException(file + " is empty; " + NO_CLUSTER);
      }
      return Path.of(text);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
