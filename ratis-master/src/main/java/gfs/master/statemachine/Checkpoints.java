package gfs.master.statemachine;

import gfs.master.namespace.Namespace;
import gfs.master.store.MasterStore;
import gfs.proto.MasterMeta;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of the master store, kept as Ratis snapshots: each is a compacted LMDB copy
 * `sm/checkpoint_TERM_INDEX/data.mdb` (plus its MD5 file) under the peer's Raft storage, so
 * Ratis can ship it to a peer that lags behind the purged log. A copy is a read transaction:
 * mutations go on while it is written.
 */
public final class Checkpoints implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  static final String DATA_FILE = "data.mdb";
  private static final Pattern NAME = Pattern.compile("checkpoint_(\\d+)_(\\d+)");
  /** Checkpoints kept: the newest and the one before, in case the newest is being sent. */
  static final int RETAINED = 2;

  private final long storeMaxBytes;
  private volatile File stateMachineDir;
  private volatile SnapshotInfo latest;

  public Checkpoints(long storeMaxBytes) {
    this.storeMaxBytes = storeMaxBytes;
  }

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    stateMachineDir = raftStorage.getStorageDir().getStateMachineDir();
    Files.createDirectories(stateMachineDir.toPath());
    latest = scan();
  }

  /** Looks at the directory again (after Ratis installed a checkpoint sent by the leader). */
  public SnapshotInfo reload() throws IOException {
    latest = scan();
    return latest;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest;
  }

  /** The newest complete checkpoint on disk, or null. */
  private SnapshotInfo scan() throws IOException {
    SnapshotInfo newest = null;
    for (Path dir : checkpointDirs()) {
      Matcher name = NAME.matcher(dir.getFileName().toString());
      Path data = dir.resolve(DATA_FILE);
      if (!name.matches() || !Files.isRegularFile(data)
          || !MD5FileUtil.getDigestFileForFile(data.toFile()).exists()) {
        continue;
      }
      long term = Long.parseLong(name.group(1));
      long index = Long.parseLong(name.group(2));
      if (newest == null || index > newest.getIndex()) {
        MD5Hash md5 = MD5FileUtil.readStoredMd5ForFile(data.toFile());
        newest = new FileListSnapshotInfo(List.of(new FileInfo(data, md5)), term, index);
      }
    }
    return newest;
  }

  private List<Path> checkpointDirs() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> entries = Files.list(stateMachineDir.toPath())) {
      entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(dirs::add);
    }
    return dirs;
  }

  /** Copies the store into a new checkpoint and returns it; runs beside apply, not under it. */
  public SnapshotInfo take(MasterStore store) throws IOException {
    long startNanos = System.nanoTime();
    Path work = stateMachineDir.toPath().resolve(".work-" + startNanos);
    store.copyTo(work);
    MasterMeta meta = readMeta(work);
    Path data = work.resolve(DATA_FILE);
    MD5FileUtil.computeAndSaveMd5ForFile(data.toFile());
    Path target = stateMachineDir.toPath().resolve("checkpoint_" + meta.getAppliedTerm() + "_" + meta.getAppliedIndex());
    if (Files.exists(target)) {
      deleteTree(work);
    } else {
      Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    }
    latest = scan();
    LOG.info("checkpoint at log index {} (term {}): {} bytes in {} ms", meta.getAppliedIndex(),
        meta.getAppliedTerm(), Files.size(target.resolve(DATA_FILE)), (System.nanoTime() - startNanos) / 1_000_000);
    deleteOld();
    return latest;
  }

  /** The applied position recorded inside a store copy. */
  private MasterMeta readMeta(Path copy) throws IOException {
    try (MasterStore image = MasterStore.open(copy, storeMaxBytes)) {
      try (Txn<ByteBuffer> txn = image.readTxn()) {
        return new Namespace(image).meta(txn);
      }
    } finally {
      Files.deleteIfExists(copy.resolve("lock.mdb"));
    }
  }

  /** The data file of the newest checkpoint, or null. */
  public Path latestDataFile() {
    SnapshotInfo info = latest;
    return info == null ? null : info.getFiles().get(0).getPath();
  }

  private void deleteOld() throws IOException {
    List<Path> dirs = checkpointDirs();
    dirs.sort(Comparator.comparingLong(Checkpoints::indexOf).reversed());
    for (int i = RETAINED; i < dirs.size(); i++) {
      deleteTree(dirs.get(i));
    }
  }

  private static long indexOf(Path dir) {
    Matcher name = NAME.matcher(dir.getFileName().toString());
    return name.matches() ? Long.parseLong(name.group(2)) : -1;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public void format() {
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    deleteOld();
  }
}
