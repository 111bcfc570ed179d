package gfs.shell.command;

import gfs.client.ClientConfig;
import gfs.shell.ClientOptions;
import gfs.shell.ClusterDiscovery;
import gfs.shell.Main;
import gfs.shell.SizeConverter;
import gfs.shell.UsageException;
import gfs.shell.bench.GfsScript;
import gfs.shell.bench.IoBenchmark;
import gfs.shell.bench.LocalServers;
import gfs.shell.bench.MetaBenchmark;
import gfs.shell.bench.MetaReport;
import gfs.shell.bench.RecoveryBenchmark;
import gfs.shell.bench.RecoveryReport;
import gfs.shell.bench.TemporaryCluster;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Benchmarks a cluster. 'gfs bench meta': creates, stats and chunk-location lookups per"
            + " second with p50/p99 latency at each --threads count, after filling the namespace"
            + " with --files files; then the masters' heap and RSS, the time from launching the"
            + " masters to the first answered stat, a shadow's lag under load, and the time from"
            + " SIGKILL of the leader to the first acknowledged create over --kills kills.",
        "'gfs bench recovery': writes --size of data, SIGKILLs the chunkserver holding the most,"
            + " and reports the time until the masters declare it dead, the time until every"
            + " chunk is back at its replication goal, and the re-replication MB/s against the"
            + " disk's own write MB/s measured in the same run.",
        "'gfs bench io': the paper's micro-benchmarks, for each --clients count: every client"
            + " writes --write-size to its own file in --write-io writes, reads random --read-io"
            + " regions of those files, then all record-append --record-size records to one file;"
            + " aggregate MB/s and p50/p99 latency beside the disk's write and read bandwidth,"
            + " loopback TCP and CRC32C measured in the same run, and chunkserver memory.",
        "Memory, restart and failover need a cluster started by ./gfs local (found from its"
            + " client.conf and pid files) and stop and kill its masters; --local starts a cluster"
            + " of its own in a temporary directory and removes it afterwards.",
        "Progress goes to stderr, the results to stdout (--json for JSON)."})
public final class BenchCommand extends BaseCommand {
  @Parameters(paramLabel = "WHAT",
      description = "What to benchmark: meta (the master), recovery (re-replication) or io (the"
          + " data path).")
  String what;

  @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "1GB", description = "recovery: data written before the kill (default: 1GB).")
  long sizeBytes;

  @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "3600",
      description = "recovery: bound on the whole run (default: 3600).")
  long timeoutS;

  @Option(names = "--threads", split = ",", paramLabel = "N,N,...", defaultValue = "1,8,32",
      description = "Client threads of each measured run, each with its own client (default: 1,8,32).")
  List<Integer> threads;

  @Option(names = "--files", paramLabel = "N", defaultValue = "100000",
      description = "Files created before the measured runs (default: 100000).")
  long files;

  @Option(names = "--duration-s", paramLabel = "S", defaultValue = "10",
      description = "Seconds measured per operation and thread count (default: 10), after"
          + " --warmup-s.")
  long durationS;

  @Option(names = "--warmup-s", paramLabel = "S", defaultValue = "2",
      description = "Unmeasured seconds before each run (default: 2).")
  long warmupS;

  @Option(names = "--kills", paramLabel = "N", defaultValue = "10",
      description = "Leader SIGKILLs for the failover figure; 0 skips it (default: 10).")
  int kills;

  @Option(names = "--no-restart", negatable = false,
      description = "Skip stopping and restarting the masters.")
  boolean noRestart;

  @Option(names = "--fill-timeout-s", paramLabel = "S", defaultValue = "3600",
      description = "Bound on creating the --files files (default: 3600); the benchmark goes on"
          + " with what was created.")
  long fillTimeoutS;

  @Option(names = "--clients", split = ",", paramLabel = "N,N,...", defaultValue = "1,2,4,8",
      description = "io: client counts, each client with its own GfsClient and thread"
          + " (default: 1,2,4,8).")
  List<Integer> clients;

  @Option(names = "--write-warmup", paramLabel = "SIZE", converter = SizeConverter.OrZero.class,
      defaultValue = "512MB", description = "io: bytes written before the first round and not"
          + " measured, so the servers' JIT compilers are done (default: 512MB; 0 = none).")
  long writeWarmupBytes;

  @Option(names = "--write-size", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "1GB", description = "io: bytes each client writes to its own file"
          + " (default: 1GB).")
  long writeSizeBytes;

  @Option(names = "--write-io", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "1MB", description = "io: bytes per write (default: 1MB).")
  long writeIoBytes;

  @Option(names = "--read-io", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "4MB", description = "io: bytes per random read (default: 4MB).")
  long readIoBytes;

  @Option(names = "--record-size", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "64KB", description = "io: bytes per appended record (default: 64KB).")
  long recordSizeBytes;

  @Option(names = "--phase-timeout-s", paramLabel = "S", defaultValue = "1800",
      description = "io: bound on each write phase (default: 1800); the read and append phases"
          + " take --warmup-s + --duration-s.")
  long phaseTimeoutS;

  @Option(names = "--baseline-size", paramLabel = "SIZE", converter = SizeConverter.class,
      defaultValue = "1GB", description = "io: file size of the disk write/read baseline"
          + " (default: 1GB).")
  long baselineBytes;

  @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "io with --local: the local cluster's chunk size (default: ./gfs local's).")
  Long chunkSizeBytes;

  @Option(names = "--local",
      description = "Start a cluster of its own (./gfs local --detach in a temporary directory),"
          + " and stop and delete it afterwards.")
  boolean local;

  @Mixin private ClientOptions clientOptions;

  @Override
  public Integer call() throws Exception {
    if ("recovery".equals(what)) {
      return recovery();
    }
    if ("io".equals(what)) {
      return io();
    }
    MetaBenchmark.Settings settings = settings();
    return onCluster(List.of(), (config, servers, progress) -> run(settings, config, servers, progress));
  }

  private int recovery() throws Exception {
    if (sizeBytes < 1 || timeoutS < 1) {
      throw new UsageException("--size and --timeout-s must be positive");
    }
    checkLocalFlags();
    RecoveryBenchmark.Settings settings = new RecoveryBenchmark.Settings(sizeBytes, timeoutS);
    return onCluster(List.of(), (config, servers, progress) -> runRecovery(settings, config, servers, progress));
  }

  private int io() throws Exception {
    IoBenchmark.Settings settings = ioSettings();
    List<String> flags = chunkSizeBytes == null ? List.of()
        : List.of("--chunk-size", Long.toString(chunkSizeBytes));
    return onCluster(flags, (config, servers, progress) ->
        new IoBenchmark(settings, config, servers, progress).run().print(output()));
  }

  /** One benchmark against the cluster it was given. */
  private interface Bench {
    void run(ClientConfig config, Optional<LocalServers> servers, PrintStream progress) throws Exception;
  }

  /**
   * Runs bench on a cluster of its own (--local: ./gfs local with localFlags, removed
   * afterwards, kept after a failure for its logs), else on the cluster other commands find.
   */
  private int onCluster(List<String> localFlags, Bench bench) throws Exception {
    PrintStream progress = context().err();
    GfsScript script = GfsScript.locate();
    if (local) {
      try (TemporaryCluster cluster = TemporaryCluster.start(script, progress, localFlags)) {
        try {
          bench.run(ClientConfig.load(cluster.clientConf()),
              LocalServers.forClientConf(cluster.clientConf(), script), progress);
        } catch (Exception | Error e) {
          cluster.keepFiles(); // its logs tell what went wrong
          throw e;
        }
      }
      return Main.EXIT_OK;
    }
    ClientOptions options = clientOptions.orElse(main().clientOptions());
    ClusterDiscovery.Source source = ClusterDiscovery.resolve(options, context());
    bench.run(ClusterDiscovery.load(source, options.timeoutMs()),
        LocalServers.forClientConf(source.confFile(), script), progress);
    return Main.EXIT_OK;
  }

  /** The settings of `bench io` from the options; a usage error names what is wrong. */
  IoBenchmark.Settings ioSettings() throws UsageException {
    checkLocalFlags();
    if (chunkSizeBytes != null && !local) {
      throw new UsageException("--chunk-size is the chunk size of the cluster --local starts;"
          + " an existing cluster keeps its own");
    }
    try {
      return new IoBenchmark.Settings(clients, writeSizeBytes, writeIoBytes, readIoBytes,
          recordSizeBytes, durationS, warmupS, phaseTimeoutS, baselineBytes, writeWarmupBytes);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private void runRecovery(RecoveryBenchmark.Settings settings, ClientConfig config,
      Optional<LocalServers> servers, PrintStream progress) throws Exception {
    if (servers.isEmpty()) {
      throw new UsageException("bench recovery kills a chunkserver: it needs a cluster started by"
          + " ./gfs local (its client.conf, via GFS_CONF or --conf) or --local");
    }
    RecoveryReport.print(new RecoveryBenchmark(settings, config, servers.get(), progress).run(),
        output());
  }

  private void checkLocalFlags() throws UsageException {
    if (local && (clientOptions.conf() != null || clientOptions.masters() != null)) {
      throw new UsageException("--local starts its own cluster: leave out --conf and --masters");
    }
  }

  private void run(MetaBenchmark.Settings settings, ClientConfig config,
      Optional<LocalServers> servers, PrintStream progress) throws Exception {
    MetaReport report = new MetaBenchmark(settings, config, servers, progress).run();
    report.print(output());
  }

  private MetaBenchmark.Settings settings() throws UsageException {
    if (!"meta".equals(what)) {
      throw new UsageException("unknown benchmark '" + what + "': there are 'meta', 'recovery'"
          + " and 'io'");
    }
    if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 1024)) {
      throw new UsageException("--threads: each count must be 1..1024, got " + threads);
    }
    if (files < 0 || durationS < 1 || warmupS < 0 || kills < 0 || fillTimeoutS < 1) {
      throw new UsageException("--files, --warmup-s and --kills must not be negative;"
          + " --duration-s and --fill-timeout-s must be at least 1");
    }
    checkLocalFlags();
    return new MetaBenchmark.Settings(threads.stream().distinct().toList(), files, durationS,
        warmupS, kills, !noRestart, fillTimeoutS);
  }
}
