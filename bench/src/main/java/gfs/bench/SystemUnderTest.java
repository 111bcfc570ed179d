package gfs.bench;

import gfs.shell.bench.ProcessMemory;
import java.util.List;
import java.util.Optional;

/**
 * A running cluster of one system: its clients for the workloads, and the operations on its
 * metadata server that only the cluster can do (restart, kill, memory of the process).
 */
interface SystemUnderTest extends AutoCloseable {
  /** Milliseconds from the restart of the metadata server(s) to the first stat and create answered. */
  record RestartTiming(long firstStatMs, long firstCreateMs) {}

  SystemName name();

  /** A new client of its own, for one thread. */
  BenchClient newClient() throws Exception;

  /** Heap in use after a full GC, and RSS, of the metadata server's JVM. */
  ProcessMemory metadataMemory() throws Exception;

  /**
   * Stops the metadata server(s) and starts them again; times until statPath is statted and a
   * create in createDir is acknowledged.
   */
  RestartTiming restartMetadata(String statPath, String createDir) throws Exception;

  /** Why failover cannot be measured, or empty when it can. */
  Optional<String> failoverNotApplicable();

  /** SIGKILLs the metadata leader kills times; the kill-to-acknowledged-mutation times in ms. */
  List<Long> failover(int kills, String createDir) throws Exception;

  @Override
  void close() throws Exception;
}
