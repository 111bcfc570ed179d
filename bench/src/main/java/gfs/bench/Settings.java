package gfs.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Every size and count of a comparison run (the flags of {@link CompareCommand}).
 *
 * @param runs repetitions of every measured figure; the table shows their median and range
 * @param writeWarmupBytes bytes one client writes (and deletes), unmeasured, before the first run
 * @param writeSizeBytes bytes each writer writes to its own file
 * @param writers concurrent-writer counts (each writer its own file)
 * @param readers concurrent random-reader counts
 * @param readSeconds length of each random-read and record-append measurement
 * @param warmupSeconds unmeasured time before each of those
 * @param metaFiles files created (and then statted and located) per layout and thread count
 * @param metaDirs directories the "spread" layout spreads its files over
 * @param locatedFiles one-byte files per layout whose block/chunk locations are looked up
 * @param failoverKills leader kills per run (each one sample)
 * @param restartFiles files the metadata server holds when it is restarted
 * @param phaseTimeoutSeconds bound on any one measured phase
 * @param fillTimeoutSeconds bound on creating the restartFiles
 */
record Settings(int runs, Set<Phase> phases, Path workDir, boolean json, String command,
    long limitSizeBytes, long loopbackBytes, long crcBytes,
    long writeWarmupBytes, long writeSizeBytes, long writeIoBytes, List<Integer> writers, long readIoBytes,
    List<Integer> readers, long readSeconds, long warmupSeconds,
    int appendClients, List<Long> recordSizes,
    List<Integer> metaThreads, long metaFiles, int metaDirs, int locatedFiles,
    int failoverKills, long restartFiles, int fillThreads, String hdfsHeap,
    long phaseTimeoutSeconds, long fillTimeoutSeconds) {
  static final long MAX_IO_BYTES = 256L << 20;

  Settings {
    writers = List.copyOf(writers);
    readers = List.copyOf(readers);
    recordSizes = List.copyOf(recordSizes);
    metaThreads = List.copyOf(metaThreads);
    require(runs >= 1, "--runs must be at least 1");
    require(writeWarmupBytes >= 0, "--write-warmup must not be negative");
    require(writeIoBytes >= 1 && writeIoBytes <= MAX_IO_BYTES && readIoBytes >= 1
        && readIoBytes <= MAX_IO_BYTES, "--write-io and --read-io must be 1 byte..256 MiB");
    require(writeSizeBytes >= writeIoBytes && writeSizeBytes % writeIoBytes == 0,
        "--write-size must be a multiple of --write-io");
    require(readIoBytes <= writeSizeBytes, "--read-io must not exceed --write-size");
    require(positive(writers) && positive(readers) && positive(metaThreads),
        "--writers, --readers and --meta-threads must be positive counts");
    require(recordSizes.stream().allMatch(s -> s >= 1 && s <= MAX_IO_BYTES),
        "--record-sizes must be 1 byte..256 MiB");
    require(readSeconds >= 1 && warmupSeconds >= 0, "--read-seconds >= 1, --warmup-seconds >= 0");
    require(appendClients >= 1 && fillThreads >= 1, "--append-clients and --fill-threads >= 1");
    require(metaFiles >= 1 && metaDirs >= 1 && locatedFiles >= 1 && restartFiles >= 1,
        "--meta-files, --meta-dirs, --located-files and --restart-files must be at least 1");
    require(failoverKills >= 1, "--failover-kills must be at least 1");
    require(phaseTimeoutSeconds >= 1 && fillTimeoutSeconds >= 1, "timeouts must be at least 1 s");
  }

  boolean runs(Phase phase) {
    return phases.contains(phase);
  }

  private static boolean positive(List<Integer> counts) {
    return !counts.isEmpty() && counts.stream().allMatch(c -> c >= 1 && c <= 256);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
