package gfs.client.master;

import gfs.client.FileStatus;
import gfs.client.GfsException;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.common.GfsPaths;
import gfs.client.common.RequestIds;
import gfs.proto.CreateRequest;
import gfs.proto.CreateResponse;
import gfs.proto.DeleteRequest;
import gfs.proto.DeleteResponse;
import gfs.proto.FileInfo;
import gfs.proto.ListRequest;
import gfs.proto.ListResponse;
import gfs.proto.MkdirRequest;
import gfs.proto.MkdirResponse;
import gfs.proto.ReadOptions;
import gfs.proto.RenameRequest;
import gfs.proto.RenameResponse;
import gfs.proto.RestoreRequest;
import gfs.proto.RestoreResponse;
import gfs.proto.SetReplicationRequest;
import gfs.proto.SetReplicationResponse;
import gfs.proto.SnapshotRequest;
import gfs.proto.SnapshotResponse;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Namespace operations on the master leader (or a shadow, for reads when allowed). */
public final class Namespace {
  /** Bound on List pages per call, so a master that always says has_more cannot loop us. */
  private static final int MAX_LIST_PAGES = 100_000;
  private static final int DIRECTORY_MODE = 0755;
  private static final int FILE_MODE = 0644;

  private final MasterClient master;
  private final RequestIds ids;
  private final ChunkSize chunkSize;
  private final ReadOptions readOptions;
  private final String owner = System.getProperty("user.name", "gfs");

  public Namespace(MasterClient master, RequestIds ids, ChunkSize chunkSize, boolean staleReads) {
    this.master = master;
    this.ids = ids;
    this.chunkSize = chunkSize;
    this.readOptions = ReadOptions.newBuilder().setAllowStale(staleReads).build();
  }

  public ReadOptions readOptions() {
    return readOptions;
  }

  public FileStatus mkdir(String path, boolean parents, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    MkdirRequest request = MkdirRequest.newBuilder().setHeader(ids.nextHeader()).setPath(path)
        .setParents(parents).setOwner(owner).setMode(DIRECTORY_MODE).build();
    MkdirResponse response = master.callChecked("mkdir " + path, deadline,
        stub -> stub.mkdir(request), MkdirResponse::getError);
    return response.hasDir() ? status(response.getDir()) : stat(path, deadline);
  }

  public FileStatus create(String path, int replication, boolean createParents,
      Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    if (replication < 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "replication " + replication + " for " + path + " is negative");
    }
    CreateRequest request = CreateRequest.newBuilder().setHeader(ids.nextHeader()).setPath(path)
        .setReplication(replication).setOwner(owner).setMode(FILE_MODE)
        .setCreateParents(createParents).build();
    CreateResponse response = master.callChecked("create " + path, deadline,
        stub -> stub.create(request), CreateResponse::getError);
    return response.hasFile() ? status(response.getFile()) : stat(path, deadline);
  }

  public void delete(String path, boolean recursive, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    DeleteRequest request = DeleteRequest.newBuilder().setHeader(ids.nextHeader()).setPath(path)
        .setRecursive(recursive).build();
    master.callChecked("delete " + path, deadline, stub -> stub.delete(request),
        DeleteResponse::getError);
  }

  public void rename(String source, String destination, Deadline deadline) throws GfsException {
    GfsPaths.validate(source);
    GfsPaths.validate(destination);
    RenameRequest request = RenameRequest.newBuilder().setHeader(ids.nextHeader())
        .setSource(source).setDestination(destination).build();
    master.callChecked("rename " + source + " to " + destination, deadline,
        stub -> stub.rename(request), RenameResponse::getError);
  }

  public void snapshot(String source, String destination, Deadline deadline)
      throws GfsException {
    GfsPaths.validate(source);
    GfsPaths.validate(destination);
    SnapshotRequest request = SnapshotRequest.newBuilder().setHeader(ids.nextHeader())
        .setSource(source).setDestination(destination).build();
    master.callChecked("snapshot " + source + " to " + destination, deadline,
        stub -> stub.snapshot(request), SnapshotResponse::getError);
  }

  public void setReplication(String path, int replication, Deadline deadline)
      throws GfsException {
    GfsPaths.validate(path);
    if (replication <= 0) {
      throw new GfsException(GfsException.Kind.INVALID_ARGUMENT,
          "replication " + replication + " for " + path + " is not positive");
    }
    SetReplicationRequest request = SetReplicationRequest.newBuilder()
        .setHeader(ids.nextHeader()).setPath(path).setReplication(replication).build();
    master.callChecked("set replication of " + path, deadline,
        stub -> stub.setReplication(request), SetReplicationResponse::getError);
  }

  /** Brings a deleted file back; targetPath null or empty means its original path. */
  public FileStatus restore(String deletedPath, String targetPath, Deadline deadline)
      throws GfsException {
    GfsPaths.validate(deletedPath);
    String target = targetPath == null ? "" : targetPath;
    if (!target.isEmpty()) {
      GfsPaths.validate(target);
    }
    RestoreRequest request = RestoreRequest.newBuilder().setHeader(ids.nextHeader())
        .setDeletedPath(deletedPath).setTargetPath(target).build();
    RestoreResponse response = master.callChecked("restore " + deletedPath, deadline,
        stub -> stub.restore(request), RestoreResponse::getError);
    return status(response.getFile());
  }

  public FileStatus stat(String path, Deadline deadline) throws GfsException {
    GfsPaths.validate(path);
    StatRequest request = StatRequest.newBuilder().setPath(path).build();
    StatResponse response = master.readChecked("stat " + path, deadline,
        (stub, read) -> stub.stat(request.toBuilder().setRead(options(read)).build()),
        StatResponse::getError);
    return status(response.getInfo());
  }

  /** Every entry of a directory (all pages), sorted by name. */
  public List<FileStatus> list(String path, boolean includeDeleted, Deadline deadline)
      throws GfsException {
    GfsPaths.validate(path);
    List<FileStatus> entries = new ArrayList<>();
    Set<String> seenDeleted = new HashSet<>();
    String startAfter = "";
    for (int page = 0; page < MAX_LIST_PAGES; page++) {
      ListRequest request = ListRequest.newBuilder().setPath(path)
          .setIncludeDeleted(includeDeleted).setStartAfter(startAfter).build();
      ListResponse response = master.readChecked("list " + path, deadline,
          (stub, read) -> stub.list(request.toBuilder().setRead(options(read)).build()),
          ListResponse::getError);
      String lastLive = null;
      for (FileInfo info : response.getEntriesList()) {
        // Deleted entries are named by their trash path: the master may send them with
        // every page, and they do not take part in paging (which goes by live names).
        if (info.getDeletedPath().isEmpty()) {
          lastLive = status(info).name();
          entries.add(status(info));
        } else if (seenDeleted.add(info.getDeletedPath())) {
          entries.add(status(info));
        }
      }
      if (!response.getHasMore()) {
        entries.sort(Comparator.comparing(FileStatus::name));
        return entries;
      }
      if (lastLive == null) {
        throw new GfsException(GfsException.Kind.INTERNAL,
            "master listed no entries of " + path + " after '" + startAfter
                + "' yet said there are more");
      }
      startAfter = lastLive;
    }
    throw new GfsException(GfsException.Kind.INTERNAL,
        "listing " + path + " took more than " + MAX_LIST_PAGES + " pages");
  }

  /** The client's own stale-read choice wins; otherwise what the master client decided for this attempt. */
  private ReadOptions options(ReadOptions perAttempt) {
    return readOptions.getAllowStale() ? readOptions : perAttempt;
  }

  private FileStatus status(FileInfo info) {
    chunkSize.learn(info.getChunkSize());
    return FileStatuses.of(info);
  }
}
