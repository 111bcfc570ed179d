package gfs.shell;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a client command finds the cluster and how long it may take. */
public final class ClientOptions {
  @Option(names = "--conf", paramLabel = "FILE",
      description = "Client config file (masters=host:port,...). Default: $GFS_CONF, then --masters,"
          + " then the last cluster started with ./gfs local.")
  Path conf;

  @Option(names = "--masters", paramLabel = "HOST:PORT,...",
      description = "Masters' service addresses, when no config file is given.")
  String masters;

  @Option(names = "--timeout", paramLabel = "DURATION_MS",
      description = "Bound on the whole operation in ms, retries included"
          + " (default: client.operation.timeout.ms of the config, else 30000).")
  Long timeoutMs;

  public Path conf() {
    return conf;
  }

  public String masters() {
    return masters;
  }

  public Long timeoutMs() {
    return timeoutMs;
  }

  /** These options, with any not given here taken from the ones given before the command. */
  public ClientOptions orElse(ClientOptions outer) {
    ClientOptions merged = new ClientOptions();
    merged.conf = conf != null ? conf : outer.conf;
    merged.masters = masters != null ? masters : outer.masters;
    merged.timeoutMs = timeoutMs != null ? timeoutMs : outer.timeoutMs;
    return merged;
  }

  public static ClientOptions of(Path conf, String masters, Long timeoutMs) {
    ClientOptions options = new ClientOptions();
    options.conf = conf;
    options.masters = masters;
    options.timeoutMs = timeoutMs;
    return options;
  }
}
