package gfs.chunkserver.config;

import gfs.common.Config;
import gfs.rpc.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chunkserver's typed configuration, read once from its properties file. Every key
 * has a default, so an empty file starts a chunkserver that looks for a master on this host.
 *
 * <table>
 *   <caption>Chunkserver configuration keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>chunkserver.id</td><td>chunkserver-1</td><td>stable id reported to the masters; names this server in errors</td></tr>
 *   <tr><td>chunkserver.host</td><td>127.0.0.1</td><td>address to bind and to advertise to masters and clients</td></tr>
 *   <tr><td>chunkserver.port</td><td>7300</td><td>gRPC port (0 = any free port, for tests)</td></tr>
 *   <tr><td>chunkserver.rack</td><td>rack-1</td><td>rack id, used by the master's placement</td></tr>
 *   <tr><td>chunkserver.data.dir</td><td>data/&lt;chunkserver.id&gt;</td><td>chunk files in {@code chunks/}, LMDB metadata in {@code meta/}</td></tr>
 *   <tr><td>chunkserver.masters</td><td>127.0.0.1:7100</td><td>comma-separated host:port of every master's service port; empty = no master (tests)</td></tr>
 *   <tr><td>chunk.size</td><td>64MB</td><td>bytes per chunk for chunks created without a size from the master; must match the masters</td></tr>
 *   <tr><td>heartbeat.interval.ms</td><td>1000</td><td>milliseconds between heartbeats to each master (a master's Register reply may override it)</td></tr>
 *   <tr><td>chunkserver.push.buffer.bytes</td><td>256MB</td><td>bytes of pushed data held in memory awaiting a mutation</td></tr>
 *   <tr><td>chunkserver.push.buffer.expiry.ms</td><td>60000</td><td>milliseconds after which pushed data that no mutation used is dropped</td></tr>
 *   <tr><td>chunkserver.fsync</td><td>false</td><td>force chunk files and LMDB to disk before answering a mutation</td></tr>
 *   <tr><td>rpc.timeout.ms</td><td>5000</td><td>deadline of calls to masters and peers (pushes add time per byte)</td></tr>
 *   <tr><td>chunkserver.scrub.interval.ms</td><td>10000</td><td>pause between two chunks the idle-time scrubber verifies; 0 = no scrubbing</td></tr>
 *   <tr><td>chunkserver.scrub.bandwidth.bytes</td><td>16MB</td><td>bytes per second the scrubber reads at most</td></tr>
 *   <tr><td>chunkserver.metrics.port</td><td>7380</td><td>HTTP port of the Prometheus endpoint (/metrics) on chunkserver.host; 0 = any free port, -1 = none</td></tr>
 *   <tr><td>rpc.log.enabled</td><td>false</td><td>log every call answered (method, peer, latency, outcome) from the start; switchable at run time with POST /rpclog?enabled=true|false on the metrics port</td></tr>
 * </table>
 */
public record ChunkserverConfig(
    String id,
    String host,
    int port,
    String rack,
    Path dataDir,
    List<HostPort> masters,
    long chunkSizeBytes,
    long heartbeatIntervalMs,
    long pushBufferBytes,
    long pushBufferExpiryMs,
    boolean fsync,
    long rpcTimeoutMs,
    long scrubIntervalMs,
    long scrubBandwidthBytes,
    int metricsPort,
    boolean rpcLogEnabled) {

  public static final String DEFAULT_MASTERS = "127.0.0.1:7100";

  public ChunkserverConfig {
    requirePositive("chunk.size", chunkSizeBytes);
    requirePositive("heartbeat.interval.ms", heartbeatIntervalMs);
    requirePositive("chunkserver.push.buffer.bytes", pushBufferBytes);
    requirePositive("chunkserver.push.buffer.expiry.ms", pushBufferExpiryMs);
    requirePositive("rpc.timeout.ms", rpcTimeoutMs);
    requirePositive("chunkserver.scrub.bandwidth.bytes", scrubBandwidthBytes);
    if (scrubIntervalMs < 0) {
      throw new IllegalArgumentException("chunkserver.scrub.interval.ms=" + scrubIntervalMs
          + " must be 0 (no scrubbing) or positive");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("chunkserver.id must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("chunkserver.port=" + port + " is out of range");
    }
    if (metricsPort < -1 || metricsPort > 65535) {
      throw new IllegalArgumentException("chunkserver.metrics.port=" + metricsPort
          + " is out of range (-1 = no metrics endpoint, 0 = any free port)");
    }
    masters = List.copyOf(masters);
  }

  public static ChunkserverConfig load(Path file) throws IOException {
    return from(Config.load(file));
  }

  public static ChunkserverConfig from(Config config) {
    String id = config.getString("chunkserver.id", "chunkserver-1");
    return new ChunkserverConfig(
        id,
        config.getString("chunkserver.host", "127.0.0.1"),
        config.getInt("chunkserver.port", 7300),
        config.getString("chunkserver.rack", "rack-1"),
        Path.of(config.getString("chunkserver.data.dir", "data/" + id)),
        parseMasters(config),
        config.getBytes("chunk.size", 64L << 20),
        config.getLong("heartbeat.interval.ms", 1000),
        config.getBytes("chunkserver.push.buffer.bytes", 256L << 20),
        config.getLong("chunkserver.push.buffer.expiry.ms", 60_000),
        config.getBoolean("chunkserver.fsync", false),
        config.getLong("rpc.timeout.ms", 5000),
        config.getLong("chunkserver.scrub.interval.ms", 10_000),
        config.getBytes("chunkserver.scrub.bandwidth.bytes", 16L << 20),
        config.getInt("chunkserver.metrics.port", 7380),
        config.getBoolean("rpc.log.enabled", false));
  }

  /** host:port as advertised to masters and peers. */
  public String address() {
    return host + ":" + port;
  }

  private static List<HostPort> parseMasters(Config config) {
    String text = config.getString("chunkserver.masters", DEFAULT_MASTERS);
    try {
      return HostPort.parseList(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config.source() + ": chunkserver.masters: " + e.getMessage());
    }
  }

  private static void requirePositive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + "=" + value + " must be positive");
    }
  }
}
