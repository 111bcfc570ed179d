package gfs.master.namespace;

import gfs.master.lease.LeaseManager;
import gfs.master.store.MasterStore;
import gfs.proto.Error;
import gfs.proto.FileType;
import gfs.proto.INode;
import gfs.proto.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lmdbjava.Txn;

/**
 * The leader's part of a snapshot before it is logged (GFS section 3.4): with the snapshot's
 * namespace locks held and its check passed, finds every chunk of the files under the source
 * and has the lease manager revoke (or wait out) every lease on them. Logging SnapshotOp then
 * shares the chunks; the first write to one of them is copied on write.
 */
public final class SnapshotCoordinator {
  static final int PAGE_ENTRIES = 1000;

  private final MasterStore store;
  private final Namespace namespace;
  private final LeaseManager leases;

  public SnapshotCoordinator(MasterStore store, Namespace namespace, LeaseManager leases) {
    this.store = store;
    this.namespace = namespace;
    this.leases = leases;
  }

  /** Null when the snapshot may be logged now, else the error to answer. */
  public Error prepare(Operation op, long deadlineNanos) {
    String source = op.getSnapshot().getSource();
    Set<Long> handles;
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      handles = chunksUnder(txn, GfsPath.parse(source));
    }
    return leases.revokeAll(source, handles, deadlineNanos);
  }

  /** Chunk handles of every file at or below path; walked breadth-first, page by page. */
  Set<Long> chunksUnder(Txn<ByteBuffer> txn, GfsPath path) {
    Set<Long> handles = new LinkedHashSet<>();
    INode top = namespace.lookup(txn, path);
    if (top == null) {
      return handles;
    }
    Deque<INode> directories = new ArrayDeque<>();
    visit(top, handles, directories);
    while (!directories.isEmpty()) {
      long id = directories.poll().getId();
      String startAfter = null;
      while (true) {
        List<INode> page = namespace.children(txn, id, startAfter, PAGE_ENTRIES);
        page.forEach(child -> visit(child, handles, directories));
        if (page.size() < PAGE_ENTRIES) {
          break;
        }
        startAfter = page.get(page.size() - 1).getName();
      }
    }
    return handles;
  }

  private static void visit(INode node, Set<Long> handles, Deque<INode> directories) {
    if (node.getType() == FileType.DIRECTORY) {
      directories.add(node);
    } else {
      handles.addAll(node.getChunksList());
    }
  }
}
