package gfs.master.fsck;

import gfs.master.cluster.ChunkLocations;
import gfs.master.cluster.ChunkserverRegistry;
import gfs.master.cluster.ClusterState;
import gfs.master.namespace.GfsPath;
import gfs.master.namespace.Namespace;
import gfs.master.replication.NamespaceWalk;
import gfs.master.store.MasterStore;
import gfs.proto.ChunkHealth;
import gfs.proto.ChunkRecord;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ErrorCode;
import gfs.proto.FileType;
import gfs.proto.FsckChunk;
import gfs.proto.FsckFile;
import gfs.proto.FsckReplica;
import gfs.proto.FsckResponse;
import gfs.proto.FsckSummary;
import gfs.proto.INode;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.lmdbjava.Txn;

/**
 * Checks the chunks of a file or a directory tree (like `hdfs fsck`): for each chunk of each file,
 * its live replicas against the file's goal, and its corrupt, stale and draining replicas, as the
 * leader knows them (chunk locations are soft state learnt from heartbeats). The summary counts
 * everything; the answer lists at most maxEntries files and chunks (the problem ones, or all with
 * the list options) and says when it left some out, so a huge namespace cannot blow a message.
 */
public final class Fsck {
  public static final int DEFAULT_MAX_ENTRIES = 1_000;
  public static final int MAX_ENTRIES = 10_000;
  /** Directory children read per read transaction. */
  static final int PAGE_SIZE = 1_000;

  /**
   * @param listFiles list every file, not only those with problem chunks
   * @param listChunks list every chunk of a listed file, not only its problem chunks
   * @param listLocations list the replicas of each listed chunk
   * @param maxEntries files plus chunks listed at most (1..MAX_ENTRIES)
   */
  public record Options(boolean listFiles, boolean listChunks, boolean listLocations, int maxEntries) {
    public Options {
      if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
        throw new IllegalArgumentException("fsck lists 1.." + MAX_ENTRIES + " entries, not " + maxEntries);
      }
    }
  }

  private final MasterStore store;
  private final Namespace namespace;
  private final ClusterState cluster;
  private final long chunkSizeBytes;
  private final NamespaceWalk walk;

  public Fsck(MasterStore store, Namespace namespace, ClusterState cluster, long chunkSizeBytes) {
    this.store = store;
    this.namespace = namespace;
    this.cluster = cluster;
    this.chunkSizeBytes = chunkSizeBytes;
    this.walk = new NamespaceWalk(store, namespace, PAGE_SIZE);
  }

  /** Checks path (InvalidPathException for a malformed one); stops early when keepGoing turns false. */
  public FsckResponse run(String path, Options options, BooleanSupplier keepGoing) {
    GfsPath target = GfsPath.parse(path.isEmpty() ? "/" : path);
    Run run = new Run(options, cluster.decommissioning());
    INode node;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      node = namespace.lookup(txn, target);
      if (node == null) {
        return FsckResponse.newBuilder().setPath(target.toString())
            .setError(Errors.of(ErrorCode.NOT_FOUND, "fsck: " + target + " does not exist")).build();
      }
      if (node.getType() == FileType.FILE) {
        run.file(txn, target.toString(), node);
      }
    }
    if (node.getType() == FileType.DIRECTORY) {
      boolean done = walk.walkTree(node.getId(), target.toString(), run, keepGoing);
      if (!done) {
        return FsckResponse.newBuilder().setPath(target.toString()).setError(Errors.of(ErrorCode.UNAVAILABLE,
            "fsck of " + target + " stopped: the caller gave up or this master stopped leading")).build();
      }
    }
    long live = cluster.registry().live().size();
    FsckSummary summary = run.summary.build();
    return FsckResponse.newBuilder().setPath(target.toString())
        .setHealthy(summary.getMissingChunks() == 0 && summary.getCorruptChunks() == 0)
        .setSummary(summary).addAllFiles(run.files).setTruncated(run.truncated)
        .setLiveChunkservers(live).setDeadChunkservers(cluster.registry().all().size() - live)
        .build();
  }

  /** One fsck: the counts so far and the entries listed. */
  private final class Run implements NamespaceWalk.PathVisitor {
    final Options options;
    final Set<String> decommissioning;
    final FsckSummary.Builder summary = FsckSummary.newBuilder();
    final List<FsckFile> files = new ArrayList<>();
    int entriesLeft;
    boolean truncated;

    Run(Options options, Set<String> decommissioning) {
      this.options = options;
      this.decommissioning = decommissioning;
      this.entriesLeft = options.maxEntries();
    }

    @Override
    public void directory(String path) {
      summary.setDirectories(summary.getDirectories() + 1);
    }

    @Override
    public void file(Txn<ByteBuffer> txn, String path, INode file) {
      FsckFile.Builder entry = FsckFile.newBuilder().setPath(path).setReplication(file.getReplication())
          .setChunkCount(file.getChunksCount());
      ChunkHealth worst = ChunkHealth.CHUNK_HEALTHY;
      List<FsckChunk> chunks = new ArrayList<>();
      long length = 0;
      for (int index = 0; index < file.getChunksCount(); index++) {
        FsckChunk chunk = chunk(txn, index, file.getChunks(index), file.getReplication(),
            index == file.getChunksCount() - 1);
        worst = ChunkJudge.worse(worst, chunk.getHealth());
        length = index == file.getChunksCount() - 1 ? index * chunkSizeBytes + chunk.getLength() : length;
        if (options.listChunks() || ChunkJudge.isProblem(chunk.getHealth())) {
          chunks.add(chunk);
        }
      }
      summary.setFiles(summary.getFiles() + 1).setBytes(summary.getBytes() + length);
      if (!options.listFiles() && !ChunkJudge.isProblem(worst)) {
        return;
      }
      if (entriesLeft <= 0) {
        truncated = true;
        return;
      }
      entriesLeft--;
      if (chunks.size() > entriesLeft) {
        chunks = chunks.subList(0, entriesLeft);
        truncated = true;
      }
      entriesLeft -= chunks.size();
      files.add(entry.setLength(length).setHealth(worst).addAllChunks(chunks).build());
    }

    private FsckChunk chunk(Txn<ByteBuffer> txn, int index, long handle, int goal, boolean last) {
      ChunkRecord record = namespace.chunk(txn, handle);
      long version = record == null ? 0 : record.getVersion();
      Map<String, ChunkLocations.Replica> reported = new TreeMap<>(cluster.locations().replicas(handle));
      List<ChunkJudge.ReplicaView> views = new ArrayList<>(reported.size());
      long length = 0;
      for (ChunkLocations.Replica replica : reported.values()) {
        views.add(new ChunkJudge.ReplicaView(replica.serverId(), replica.version(), replica.corrupt(),
            cluster.registry().isLive(replica.serverId()), decommissioning.contains(replica.serverId())));
        if (replica.version() == version) {
          length = Math.max(length, replica.lengthBytes());
        }
      }
      boolean neverPlaced = last && (record == null || record.getPlacedOnCount() == 0);
      ChunkJudge.Verdict verdict = ChunkJudge.judge(version, goal, views, neverPlaced);
      count(verdict, goal);
      FsckChunk.Builder chunk = FsckChunk.newBuilder().setIndex(index).setHandle(handle).setVersion(version)
          .setLength(length).setGoal(goal).setLiveReplicas(verdict.live())
          .setCorruptReplicas(verdict.corrupt()).setStaleReplicas(verdict.stale())
          .setDecommissioningReplicas(verdict.decommissioning()).setDeadReplicas(verdict.dead())
          .setHealth(verdict.health());
      if (options.listLocations()) {
        for (int i = 0; i < views.size(); i++) {
          chunk.addReplicas(FsckReplica.newBuilder().setServer(info(views.get(i).serverId()))
              .setVersion(views.get(i).version()).setState(verdict.states().get(i)));
        }
      }
      return chunk.build();
    }

    private void count(ChunkJudge.Verdict verdict, int goal) {
      summary.setChunks(summary.getChunks() + 1)
          .setCorruptReplicas(summary.getCorruptReplicas() + verdict.corrupt())
          .setStaleReplicas(summary.getStaleReplicas() + verdict.stale())
          .setDecommissioningReplicas(summary.getDecommissioningReplicas() + verdict.decommissioning())
          .setLiveReplicas(summary.getLiveReplicas() + verdict.live())
          .setReplicaGoal(summary.getReplicaGoal() + goal);
      switch (verdict.health()) {
        case CHUNK_HEALTHY -> summary.setHealthyChunks(summary.getHealthyChunks() + 1);
        case CHUNK_OVER_REPLICATED -> summary.setOverReplicatedChunks(summary.getOverReplicatedChunks() + 1);
        case CHUNK_UNDER_REPLICATED -> summary.setUnderReplicatedChunks(summary.getUnderReplicatedChunks() + 1);
        case CHUNK_CORRUPT -> summary.setCorruptChunks(summary.getCorruptChunks() + 1);
        case CHUNK_MISSING -> summary.setMissingChunks(summary.getMissingChunks() + 1);
        default -> { }
      }
    }

    private ChunkserverInfo info(String serverId) {
      ChunkserverRegistry.Entry entry = cluster.registry().get(serverId);
      return entry == null ? ChunkserverInfo.newBuilder().setId(serverId).build() : entry.info();
    }
  }
}
