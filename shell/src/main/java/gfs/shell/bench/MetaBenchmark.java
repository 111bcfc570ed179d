package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ReadOptions;
import gfs.shell.CommandFailedException;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * `gfs bench meta`: metadata throughput and latency of the master through the client library,
 * then what the master costs (heap, RSS), how fast it restarts and fails over. Every phase is
 * bounded in time; progress goes to the given stream, results into a {@link MetaReport}.
 */
public final class MetaBenchmark {
  /** Files per directory of the fill, as HDFS's NNThroughputBenchmark spreads them. */
  static final int FILES_PER_DIRECTORY = 10_000;
  /** Files of one small chunk each, for the location lookups. */
  static final int LOCATED_FILES = 64;
  static final long PROGRESS_EVERY_MS = 5_000;
  static final long SHADOW_SAMPLE_MS = 1_000;

  /** What to run. */
  public record Settings(List<Integer> threads, long files, long durationS, long warmupS,
      int kills, boolean restart, long fillTimeoutS) {
    int maxThreads() {
      return threads.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
  }

  private final Settings settings;
  private final ClientConfig config;
  private final Optional<LocalServers> servers;
  private final PrintStream progress;
  private final String root = "/bench/meta-"
      + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final List<GfsClient> clients = new ArrayList<>();
  private final List<MasterClient> masterClients = new ArrayList<>();

  public MetaBenchmark(Settings settings, ClientConfig config, Optional<LocalServers> servers,
      PrintStream progress) {
    this.settings = settings;
    this.config = config;
    this.servers = servers;
    this.progress = progress;
  }

  public MetaReport run() throws Exception {
    MetaReport report = new MetaReport(settings, root);
    try (GfsClient admin = GfsClient.connect(config)) {
      ClusterView view = admin.clusterStatus();
      report.cluster(view);
      progress.println("bench: cluster with leader " + view.leaderId() + ", "
          + view.masters().size() + " master peers, " + view.chunkservers().size()
          + " chunkservers; namespace under " + root);
      openClients(settings.maxThreads());
      prepareDirectories(admin);
      report.memoryBefore(memory(admin));
      measureLoad(admin, report);
      report.filesInNamespace(admin.clusterStatus().fileCount());
      report.memoryAfter(memory(admin));
    } finally {
      closeClients();
    }
    measureProcesses(report);
    return report;
  }

  /** The fill and the timed runs, with the shadow lag sampled all along. */
  private void measureLoad(GfsClient admin, MetaReport report) throws Exception {
    try (ShadowLagSampler shadowLag = new ShadowLagSampler(config, SHADOW_SAMPLE_MS)) {
      shadowLag.start();
      long filled = fill(report, shadowLag);
      createLocatedFiles(admin);
      for (int threads : settings.threads()) {
        report.add(creates(threads));
        report.add(stats(threads, filled));
        report.add(locations(threads));
      }
      report.shadowLag(shadowLag.summary());
    }
  }

  /** Restart and failover, which stop and kill masters of a local cluster. */
  private void measureProcesses(MetaReport report) throws Exception {
    if (servers.isEmpty()) {
      report.note("restart, failover and memory need a cluster started by ./gfs local (its pid"
          + " files): use --local, or point --conf at a local cluster's client.conf");
      return;
    }
    if (settings.restart()) {
      progress.println("bench: restart of the masters holding " + report.filesInNamespace() + " files");
      report.restart(RestartProbe.measure(servers.get(), config, root, root + "/restart", progress));
    }
    if (settings.kills() > 0) {
      report.failover(FailoverProbe.measure(servers.get(), config, settings.kills(),
          root + "/failover", progress));
    }
  }

  private void prepareDirectories(GfsClient admin) throws Exception {
    long directories = (settings.files() + FILES_PER_DIRECTORY - 1) / FILES_PER_DIRECTORY;
    for (long d = 0; d < directories; d++) {
      admin.mkdir(root + "/fill/d" + d, true);
    }
    for (int threads : settings.threads()) {
      admin.mkdir(root + "/create-" + threads, true);
    }
    admin.mkdir(root + "/located", true);
    admin.mkdir(root + "/restart", true);
    admin.mkdir(root + "/failover", true);
  }

  private String fillPath(long sequence) {
    return root + "/fill/d" + sequence / FILES_PER_DIRECTORY + "/f" + sequence;
  }

  private String locatedPath(long index) {
    return root + "/located/f" + index;
  }

  /** Creates the N files with the most threads; returns how many were created. */
  private long fill(MetaReport report, ShadowLagSampler shadowLag) throws Exception {
    int threads = settings.maxThreads();
    progress.println("bench: creating " + settings.files() + " files with " + threads
        + " threads (at most " + settings.fillTimeoutS() + " s)");
    double[] last = {0, 0}; // done and seconds at the previous progress line
    LoadResult result = LoadRunner.counted("fill", threads, settings.files(),
        settings.fillTimeoutS() * 1_000, t -> seq -> clients.get(t).create(fillPath(seq)),
        new AtomicLong(), (done, seconds) -> {
          progress.printf("bench: fill %,d/%,d files, %,.0f creates/s (last %.0f s: %,.0f/s)%s%n",
              done, settings.files(), done / seconds, seconds - last[1],
              (done - last[0]) / Math.max(1e-9, seconds - last[1]),
              shadowLag.lastLag() >= 0 ? ", shadow lag " + shadowLag.lastLag() + " entries" : "");
          last[0] = done;
          last[1] = seconds;
        },
        PROGRESS_EVERY_MS);
    report.fill(result);
    if (result.operations() < settings.files()) {
      report.note("the fill stopped at " + result.operations() + " of " + settings.files()
          + " files (" + result.errors() + " errors, time bound " + settings.fillTimeoutS() + " s)");
    }
    return result.operations();
  }

  /** Files of one chunk (one byte each), so a lookup returns exactly one location. */
  private void createLocatedFiles(GfsClient admin) throws Exception {
    byte[] oneByte = {42};
    for (int i = 0; i < LOCATED_FILES; i++) {
      admin.create(locatedPath(i));
      admin.write(locatedPath(i), 0, oneByte, 0, 1);
    }
  }

  private LoadResult creates(int threads) throws Exception {
    String dir = root + "/create-" + threads;
    return timed("create", threads, t -> seq -> clients.get(t).create(dir + "/f" + seq));
  }

  private LoadResult stats(int threads, long filled) throws Exception {
    return timed("stat", threads, t -> seq -> clients.get(t).stat(filled == 0 ? root
        : fillPath(ThreadLocalRandom.current().nextLong(filled))));
  }

  /** GetChunkLocations exactly as the client library asks it, with its cache bypassed. */
  private LoadResult locations(int threads) throws Exception {
    return timed("locate", threads, t -> {
      ChunkLocator locator = new ChunkLocator(masterClients.get(t), new LocationCache(0),
          new ChunkSize(), ReadOptions.getDefaultInstance());
      return seq -> {
        String path = locatedPath(ThreadLocalRandom.current().nextInt(LOCATED_FILES));
        if (locator.fetch(path, 0, Deadline.afterMs(config.operationTimeoutMs())).location() == null) {
          throw new CommandFailedException("the master returned no location for " + path);
        }
      };
    });
  }

  private LoadResult timed(String what, int threads, LoadRunner.OperationFactory factory)
      throws Exception {
    LoadResult result = LoadRunner.timed(what, threads, settings.warmupS() * 1_000,
        settings.durationS() * 1_000, factory, new AtomicLong());
    progress.printf("bench: %-6s %2d threads: %,9.0f ops/s  p50 %.2f ms  p99 %.2f ms%s%n", what,
        threads, result.perSecond(), result.p50Ms(), result.p99Ms(),
        result.errors() == 0 ? "" : "  " + result.errors() + " errors, first: " + result.firstError());
    return result;
  }

  /** Memory of every master with a pid file, leader first; empty without local servers. */
  private List<MetaReport.MasterMemory> memory(GfsClient admin) throws Exception {
    List<MetaReport.MasterMemory> result = new ArrayList<>();
    if (servers.isEmpty()) {
      return result;
    }
    ClusterView view = admin.clusterStatus();
    for (ClusterView.Master master : view.masters()) {
      Optional<ProcessHandle> process = servers.get().process(master.id());
      if (process.isPresent()) {
        MetaReport.MasterMemory memory = new MetaReport.MasterMemory(master.id(), master.role(),
            ProcessMemory.of(process.get().pid()));
        if (master.role().equals("LEADER")) {
          result.add(0, memory);
        } else {
          result.add(memory);
        }
      }
    }
    return result;
  }

  private void openClients(int count) {
    for (int i = 0; i < count; i++) {
      clients.add(GfsClient.connect(config));
      masterClients.add(new MasterClient(config));
    }
  }

  private void closeClients() {
    clients.forEach(GfsClient::close);
    masterClients.forEach(MasterClient::close);
  }
}
