package gfs.shell.local;

import gfs.common.Sizes;
import gfs.shell.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many servers a local cluster has and its chunk size. Recorded in D/cluster.properties
 * on first start; a later start on the same directory must not contradict it.
 *
 * @param masters voting masters (Raft peers)
 * @param shadows read-only shadow masters (Raft listeners)
 */
public record ClusterShape(int masters, int shadows, int chunkservers, int racks,
    long chunkSizeBytes) {
  public static final String FILE = "cluster.properties";
  public static final int DEFAULT_MASTERS = 3;
  public static final int DEFAULT_SHADOWS = 1;
  public static final int DEFAULT_CHUNKSERVERS = 4;
  public static final int DEFAULT_RACKS = 2;
  public static final long DEFAULT_CHUNK_SIZE_BYTES = 64L << 20;
  /** Chunks are checksummed in 64 KB blocks: a chunk is a whole number of blocks. */
  public static final long CHECKSUM_BLOCK_BYTES = 64L << 10;
  /** Bounds that keep a one-machine cluster sane; Raft groups beyond 7 voters gain nothing. */
  public static final int MAX_MASTERS = 7;
  /** Each shadow is a whole master process: a few are plenty on one machine. */
  public static final int MAX_SHADOWS = 4;
  public static final int MAX_CHUNKSERVERS = 64;

  /** The shape asked for on the command line; a null flag takes the default. */
  public static ClusterShape fromFlags(Integer masters, Integer shadows, Integer chunkservers,
      Integer racks, Long chunkSizeBytes) throws UsageException {
    ClusterShape shape = new ClusterShape(
        masters != null ? masters : DEFAULT_MASTERS,
        shadows != null ? shadows : DEFAULT_SHADOWS,
        chunkservers != null ? chunkservers : DEFAULT_CHUNKSERVERS,
        racks != null ? racks : DEFAULT_RACKS,
        chunkSizeBytes != null ? chunkSizeBytes : DEFAULT_CHUNK_SIZE_BYTES);
    shape.validate();
    return shape;
  }

  void validate() throws UsageException {
    if (masters < 1 || masters > MAX_MASTERS) {
      throw new UsageException("--masters must be 1 to " + MAX_MASTERS + ", not " + masters);
    }
    if (shadows < 0 || shadows > MAX_SHADOWS) {
      throw new UsageException("--shadows must be 0 to " + MAX_SHADOWS + ", not " + shadows);
    }
    if (chunkservers < 1 || chunkservers > MAX_CHUNKSERVERS) {
      throw new UsageException(
          "--chunkservers must be 1 to " + MAX_CHUNKSERVERS + ", not " + chunkservers);
    }
    if (racks < 1) {
      throw new UsageException("--racks must be at least 1, not " + racks);
    }
    if (chunkSizeBytes < CHECKSUM_BLOCK_BYTES || chunkSizeBytes % CHECKSUM_BLOCK_BYTES != 0) {
      throw new UsageException("--chunk-size must be a multiple of 64KB, not " + chunkSizeBytes
          + " bytes");
    }
  }

  /** The flags given that contradict this (existing) cluster, each as one phrase. */
  public List<String> conflicts(Integer masters, Integer shadows, Integer chunkservers,
      Integer racks, Long chunkSizeBytes) {
    List<String> conflicts = new ArrayList<>();
    if (masters != null && masters != this.masters) {
      conflicts.add("--masters " + masters + " (it has " + this.masters + ")");
    }
    if (shadows != null && shadows != this.shadows) {
      conflicts.add("--shadows " + shadows + " (it has " + this.shadows + ")");
    }
    if (chunkservers != null && chunkservers != this.chunkservers) {
      conflicts.add("--chunkservers " + chunkservers + " (it has " + this.chunkservers + ")");
    }
    if (racks != null && racks != this.racks) {
      conflicts.add("--racks " + racks + " (it has " + this.racks + ")");
    }
    if (chunkSizeBytes != null && chunkSizeBytes != this.chunkSizeBytes) {
      conflicts.add("--chunk-size " + chunkSizeBytes + " (it has " + this.chunkSizeBytes + ")");
    }
    return conflicts;
  }

  /** Replication the masters aim for: 3, or fewer when there are fewer chunkservers. */
  public int replication() {
    return Math.min(3, chunkservers);
  }

  public static Optional<ClusterShape> load(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, String> values = PropertiesFile.read(file);
    try {
      return Optional.of(new ClusterShape(
          Integer.parseInt(required(values, "local.masters", file)),
          // Clusters made before shadows existed have none, and keep that shape.
          Integer.parseInt(values.getOrDefault("local.shadows", "0")),
          Integer.parseInt(required(values, "local.chunkservers", file)),
          Integer.parseInt(required(values, "local.racks", file)),
          Sizes.parse(required(values, "chunk.size", file))));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is damaged: " + e.getMessage());
    }
  }

  void save(Path dir) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("local.masters", Integer.toString(masters));
    values.put("local.shadows", Integer.toString(shadows));
    values.put("local.chunkservers", Integer.toString(chunkservers));
    values.put("local.racks", Integer.toString(racks));
    values.put("chunk.size", Long.toString(chunkSizeBytes));
    PropertiesFile.write(dir.resolve(FILE),
        "Shape of this local cluster, fixed at its first start by ./gfs local.", values);
  }

  private static String required(Map<String, String> values, String key, Path file) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key + " in " + file);
    }
    return value;
  }
}
