package gfs.shell.command;

import gfs.shell.Main;
import gfs.shell.SizeConverter;
import gfs.shell.UsageException;
import gfs.shell.local.LocalCluster;
import gfs.shell.local.ServerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = {
        "Runs a whole gfs cluster on this machine, each master, shadow master and chunkserver its"
            + " own process.",
        "Everything is under --dir: configs, data, NAME.log, NAME.pid. Started again on the same"
            + " directory, it resumes that cluster with its data and ports.",
        "It waits until a leader is elected and every chunkserver is live, then prints where"
            + " everything is. Without --detach it stays in the foreground and Ctrl-C stops every"
            + " server."})
public final class LocalCommand extends BaseCommand {
  @Option(names = "--dir", paramLabel = "D", defaultValue = "local-cluster",
      description = "Directory of the cluster (default: ./local-cluster).")
  Path dir;

  // Shape flags are boxed: null means "not given", so resuming a cluster needs none of them.
  @Option(names = "--masters", paramLabel = "N",
      description = "Masters (Raft peers) of a new cluster (default: 3).")
  Integer masters;

  @Option(names = "--shadows", paramLabel = "N",
      description = "Read-only shadow masters (Raft listeners) of a new cluster, shadow-1..;"
          + " they answer metadata reads with --stale or when no leader is reachable (default: 1).")
  Integer shadows;

  @Option(names = "--chunkservers", paramLabel = "N",
      description = "Chunkservers of a new cluster (default: 4).")
  Integer chunkservers;

  @Option(names = "--racks", paramLabel = "N",
      description = "Racks the chunkservers are spread over, round robin (default: 2).")
  Integer racks;

  @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Chunk size of a new cluster, e.g. 1MB (default: 64MB).")
  Long chunkSizeBytes;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A setting written into every master's, shadow's and chunkserver's config file"
          + " (each reads the keys it knows; see docs/configuration.md), e.g."
          + " --set gc.retention.ms=60000. Repeatable; on a resumed cluster it updates the files.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--detach", description = "Return once the cluster is ready, leaving it running.")
  boolean detach;

  @Option(names = "--stop", description = "Stop the cluster running in --dir (from its pid files).")
  boolean stop;

  @Option(names = "--timeout", paramLabel = "DURATION_MS",
      description = "How long to wait for the cluster to be ready (default: 60000).")
  Long readyTimeoutMs;

  @Override
  public Integer call() throws Exception {
    LocalCluster cluster = new LocalCluster(context(), output());
    if (stop) {
      if (masters != null || shadows != null || chunkservers != null || racks != null
          || chunkSizeBytes != null || detach || !settings.isEmpty()) {
        throw new UsageException("--stop takes only --dir");
      }
      cluster.stop(dir);
      return Main.EXIT_OK;
    }
    long timeoutMs = readyTimeoutMs != null ? readyTimeoutMs : LocalCluster.DEFAULT_READY_TIMEOUT_MS;
    if (timeoutMs <= 0) {
      throw new UsageException("--timeout must be a positive number of ms, not " + timeoutMs);
    }
    cluster.start(new LocalCluster.StartRequest(dir.toAbsolutePath().normalize(), masters,
        shadows, chunkservers, racks, chunkSizeBytes, ServerSettings.parse(settings), detach,
        timeoutMs));
    return Main.EXIT_OK;
  }
}
