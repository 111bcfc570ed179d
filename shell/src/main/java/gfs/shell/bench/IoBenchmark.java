package gfs.shell.bench;

import gfs.client.ClientConfig;
import gfs.client.ClusterView;
import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import gfs.shell.output.Formats;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * `gfs bench io` (GFS paper section 6.1): for each client count, every client with its own
 * {@link GfsClient} on its own thread, (1) writes its own new file sequentially, (2) reads
 * random regions of the files just written, (3) record-appends to one file shared by all;
 * beside the machine's own limits measured first in the same run ({@link MachineLimits}).
 * Every phase is bounded in time; progress goes to the given stream.
 */
public final class IoBenchmark {
  static final long PROGRESS_EVERY_MS = 5_000;
  static final long LOOPBACK_BYTES = 2L << 30;
  static final long CRC_BYTES = 2L << 30;
  static final int MAX_CLIENTS = 256;
  /** Largest single write, read or record: one byte array each. */
  static final long MAX_IO_BYTES = 256L << 20;

  /**
   * What to run.
   *
   * @param clients client counts, each a round of the three phases
   * @param writeSizeBytes bytes each client writes to its own file (a multiple of writeIoBytes)
   * @param phaseTimeoutS bound on one write phase; the read and append phases take
   *     warmupS + durationS
   * @param baselineBytes size of the file of the disk baseline
   * @param writeWarmupBytes bytes written (by the largest client count together, not measured)
   *     before the first round, so that every server's JIT has compiled the data path; 0 = none
   */
  public record Settings(List<Integer> clients, long writeSizeBytes, long writeIoBytes,
      long readIoBytes, long recordSizeBytes, long durationS, long warmupS, long phaseTimeoutS,
      long baselineBytes, long writeWarmupBytes) {
    public Settings {
      clients = List.copyOf(clients.stream().distinct().toList());
      if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > MAX_CLIENTS)) {
        throw new IllegalArgumentException("--clients: each count must be 1.." + MAX_CLIENTS
            + ", got " + clients);
      }
      for (long io : List.of(writeIoBytes, readIoBytes, recordSizeBytes)) {
        if (io < 1 || io > MAX_IO_BYTES) {
          throw new IllegalArgumentException("--write-io, --read-io and --record-size must be"
              + " 1 byte.." + Formats.size(MAX_IO_BYTES));
        }
      }
      if (writeSizeBytes < writeIoBytes || writeSizeBytes % writeIoBytes != 0) {
        throw new IllegalArgumentException("--write-size (" + writeSizeBytes + " bytes) must be a"
            + " multiple of --write-io (" + writeIoBytes + " bytes)");
      }
      if (readIoBytes > writeSizeBytes) {
        throw new IllegalArgumentException("--read-io must not exceed --write-size: the reads"
            + " are of the files the writes made");
      }
      if (durationS < 1 || warmupS < 0 || phaseTimeoutS < 1) {
        throw new IllegalArgumentException("--duration-s and --phase-timeout-s must be at least 1,"
            + " --warmup-s must not be negative");
      }
      if (baselineBytes < (1 << 20)) {
        throw new IllegalArgumentException("--baseline-size must be at least 1MB");
      }
      if (writeWarmupBytes < 0) {
        throw new IllegalArgumentException("--write-warmup must not be negative");
      }
    }

    int maxClients() {
      return clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    long writesPerClient() {
      return writeSizeBytes / writeIoBytes;
    }
  }

  private final Settings settings;
  private final ClientConfig config;
  private final Optional<LocalServers> servers;
  private final PrintStream progress;
  private final String root = "/bench/io-"
      + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final List<GfsClient> clients = new ArrayList<>();

  public IoBenchmark(Settings settings, ClientConfig config, Optional<LocalServers> servers,
      PrintStream progress) {
    this.settings = settings;
    this.config = config;
    this.servers = servers;
    this.progress = progress;
  }

  public IoReport run() throws Exception {
    IoReport report = new IoReport(settings, root);
    report.limits(measureLimits(report));
    try (GfsClient admin = GfsClient.connect(config)) {
      ClusterView view = admin.clusterStatus();
      long chunkBytes = admin.chunkSizeBytes();
      if (settings.recordSizeBytes() > admin.maxRecordBytes()) {
        throw new CommandFailedException("--record-size " + Formats.size(settings.recordSizeBytes())
            + " is over the largest record, a quarter of the chunk size: "
            + Formats.size(admin.maxRecordBytes()));
      }
      progress.println("bench: cluster with " + view.chunkservers().size() + " chunkservers, chunk"
          + " size " + Formats.size(chunkBytes) + "; files under " + root);
      admin.mkdir(root, true);
      report.cluster(view.chunkservers().size(), 0, chunkBytes);
      openClients(settings.maxClients());
      warmUp(admin, report);
      for (int n : settings.clients()) {
        long readable = write(admin, n, report, view.chunkservers().size(), chunkBytes);
        if (readable >= settings.readIoBytes()) {
          read(n, readable, report);
        } else {
          report.note("read with " + n + " clients skipped: no file was written far enough");
        }
        remove(admin, root + "/write-" + n, root, report);
        append(admin, n, report);
      }
      remove(admin, root, root.substring(0, root.lastIndexOf('/')), report);
    } finally {
      clients.forEach(GfsClient::close);
    }
    measureMemory(report);
    report.note(String.format(Locale.ROOT, "the read phases read files just written (at most %s"
        + " per client count, this machine has %s of RAM): the chunkservers read them from the"
        + " page cache as far as it holds them, so the read bound, set by a cold disk read, is"
        + " the conservative one", Formats.size(settings.maxClients() * settings.writeSizeBytes()),
        Formats.size(totalMemoryBytes())));
    return report;
  }

  private MachineLimits measureLimits(IoReport report) throws Exception {
    Path dir = servers.map(LocalServers::dir)
        .orElse(Path.of(System.getProperty("java.io.tmpdir")));
    if (servers.isEmpty()) {
      report.note("the disk baseline ran under " + dir + ", which may not be the chunkservers'"
          + " disk (no ./gfs local cluster directory known)");
    }
    progress.println("bench: machine limits: writing and reading " + Formats.size(
        settings.baselineBytes()) + " under " + dir + ", " + Formats.size(LOOPBACK_BYTES)
        + " over loopback TCP, CRC32C of " + Formats.size(CRC_BYTES));
    MachineLimits limits = MachineLimits.measure(dir, settings.baselineBytes(), LOOPBACK_BYTES,
        CRC_BYTES);
    progress.printf(Locale.ROOT, "bench: disk write %s MB/s, disk read %s MB/s (%s), loopback %s"
        + " MB/s, CRC32C %s MB/s%n", IoReport.mbps(limits.disk().writeBytesPerS()),
        IoReport.mbps(limits.disk().readBytesPerS()), limits.disk().coldRead() ? "cold" : "warm",
        IoReport.mbps(limits.loopbackBytesPerS()), IoReport.mbps(limits.crc32cBytesPerS()));
    return limits;
  }

  private String writePath(int clientsInRound, int client) {
    return root + "/write-" + clientsInRound + "/c" + client;
  }

  /**
   * Writes writeWarmupBytes, not measured, and removes them: a fresh cluster is nine JVMs whose
   * JIT compilers take the two cores for tens of seconds of the first writes.
   */
  private void warmUp(GfsClient admin, IoReport report) throws Exception {
    int n = settings.maxClients();
    long writesEach = settings.writeWarmupBytes() / settings.writeIoBytes() / n;
    if (writesEach == 0) {
      return;
    }
    String dir = root + "/warmup";
    long bytes = writesEach * settings.writeIoBytes() * n;
    LoadResult result = writeFiles(admin, dir, n, writesEach, "warm-up (not measured)",
        new AtomicLongArray(n));
    report.note(String.format(Locale.ROOT, "before the rounds, %s of writes by %s warmed the"
        + " servers up and were not measured (--write-warmup)", Formats.size(bytes),
        MetaReport.plural(n, "client")));
    progress.printf(Locale.ROOT, "bench: warm-up done: %s MB/s, %d errors%n",
        IoReport.mbps(result.operations() * settings.writeIoBytes() / Math.max(result.seconds(), 1e-9)),
        result.errors());
    remove(admin, dir, root, report);
  }

  /** Each client writes its own file; returns the length every file has at least. */
  private long write(GfsClient admin, int n, IoReport report, int chunkservers, long chunkBytes)
      throws Exception {
    AtomicLongArray written = new AtomicLongArray(n);
    LoadResult result = writeFiles(admin, root + "/write-" + n, n, settings.writesPerClient(),
        "write", written);
    record(report, IoReport.Phase.WRITE, n, settings.writeIoBytes(), result);
    FileStatus status = admin.stat(writePath(n, 0));
    report.cluster(chunkservers, status.replication(), chunkBytes);
    long readable = Long.MAX_VALUE;
    for (int t = 0; t < n; t++) {
      readable = Math.min(readable, written.get(t));
    }
    if (result.errors() > 0 || readable < settings.writeSizeBytes()) {
      report.note("write with " + n + " clients: " + result.errors() + " failed writes; the"
          + " reads that follow use the first " + Formats.size(readable) + " of each file");
    }
    return result.errors() > 0 ? 0 : readable;
  }

  /**
   * n clients each write writesEach writeIo-sized pieces sequentially to their own new file
   * dir/cT, bounded by the phase timeout, with progress; written[T] counts client T's bytes.
   */
  private LoadResult writeFiles(GfsClient admin, String dir, int n, long writesEach, String what,
      AtomicLongArray written) throws Exception {
    admin.mkdir(dir, true);
    byte[] data = randomBytes(settings.writeIoBytes());
    long io = settings.writeIoBytes();
    long total = n * writesEach * io;
    progress.printf(Locale.ROOT, "bench: %s, %s: %s each in %s writes (at most %d s)%n", what,
        MetaReport.plural(n, "client"), Formats.size(writesEach * io), Formats.size(io),
        settings.phaseTimeoutS());
    return LoadRunner.countedEach(what, n, writesEach, settings.phaseTimeoutS() * 1_000, t -> {
      GfsClient client = clients.get(t);
      String path = dir + "/c" + t;
      client.create(path);
      return seq -> {
        client.write(path, seq * io, data, 0, (int) io);
        written.addAndGet(t, io);
      };
    }, (done, seconds) -> progress.printf(Locale.ROOT, "bench: %s, %s: %s of %s (%s MB/s)%n",
        what, MetaReport.plural(n, "client"), Formats.size(done * io), Formats.size(total),
        IoReport.mbps(done * io / seconds)), PROGRESS_EVERY_MS);
  }

  /** Random reads of readIo bytes at readIo-aligned offsets of the files just written. */
  private void read(int n, long readable, IoReport report) throws Exception {
    long io = settings.readIoBytes();
    long regions = readable / io;
    progress.printf(Locale.ROOT, "bench: read, %s: random %s regions of %d files,"
        + " %d s after %d s of warm-up%n", MetaReport.plural(n, "client"), Formats.size(io), n,
        settings.durationS(),
        settings.warmupS());
    LoadResult result = LoadRunner.timed("read", n, settings.warmupS() * 1_000,
        settings.durationS() * 1_000, t -> {
          GfsClient client = clients.get(t);
          byte[] buffer = new byte[(int) io];
          return seq -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = writePath(n, random.nextInt(n));
            long offset = random.nextLong(regions) * io;
            int got = client.read(path, offset, buffer, 0, (int) io);
            if (got != io) {
              throw new CommandFailedException("short read of " + path + " at " + offset + ": "
                  + got + " of " + io + " bytes");
            }
          };
        }, new AtomicLong());
    record(report, IoReport.Phase.READ, n, io, result);
  }

  /** Every client appends records to one file. */
  private void append(GfsClient admin, int n, IoReport report) throws Exception {
    String path = root + "/append-" + n;
    admin.create(path);
    byte[] record = randomBytes(settings.recordSizeBytes());
    progress.printf(Locale.ROOT, "bench: append, %s: %s records to one file, %d s after"
        + " %d s of warm-up%n", MetaReport.plural(n, "client"), Formats.size(record.length),
        settings.durationS(),
        settings.warmupS());
    LoadResult result = LoadRunner.timed("append", n, settings.warmupS() * 1_000,
        settings.durationS() * 1_000, t -> {
          GfsClient client = clients.get(t);
          return seq -> client.recordAppend(path, record);
        }, new AtomicLong());
    record(report, IoReport.Phase.APPEND, n, record.length, result);
  }

  private void record(IoReport report, IoReport.Phase phase, int n, long io, LoadResult result) {
    IoReport.Run run = new IoReport.Run(phase, n, io, result);
    report.add(run);
    progress.printf(Locale.ROOT, "bench: %-6s %s: %s MB/s, %,d ops, p50 %.2f ms,"
        + " p99 %.2f ms%s%n", phase.label, MetaReport.plural(n, "client"),
        IoReport.mbps(run.bytesPerS()), result.operations(),
        result.p50Ms(), result.p99Ms(), result.errors() == 0 ? ""
            : ", " + result.errors() + " errors, first: " + result.firstError());
  }

  /** Deletes dir and purges it from the trash at once; when it cannot, a note that its chunks stay. */
  private void remove(GfsClient admin, String dir, String parent, IoReport report)
      throws InterruptedException {
    try {
      BenchFiles.deleteAndPurge(admin, dir, parent);
    } catch (GfsException e) {
      report.note("could not remove " + dir + " (" + firstLine(e.getMessage()) + "): its chunks stay");
    }
  }

  /** The first line of a message, without control characters: it goes into the report. */
  static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.replaceAll("\\p{Cntrl}", "?");
  }

  private void measureMemory(IoReport report) throws Exception {
    if (servers.isEmpty()) {
      report.note("chunkserver memory needs a cluster started by ./gfs local (its pid files)");
      return;
    }
    try (GfsClient admin = GfsClient.connect(config)) {
      for (ClusterView.Chunkserver server : admin.clusterStatus().chunkservers()) {
        Optional<ProcessHandle> process = servers.get().process(server.id());
        if (process.isPresent()) {
          long[] resident = ProcessMemory.residentBytes(process.get().pid());
          report.memory(new IoReport.ServerMemory(server.id(), resident[0], resident[1]));
        }
      }
    }
  }

  private void openClients(int count) {
    for (int i = 0; i < count; i++) {
      clients.add(GfsClient.connect(config));
    }
  }

  private static byte[] randomBytes(long length) {
    byte[] bytes = new byte[(int) length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static long totalMemoryBytes() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
  }
}
