package gfs.master.replication;

import gfs.master.namespace.Namespace;
import gfs.master.store.Keys;
import gfs.master.store.MasterStore;
import gfs.proto.FileType;
import gfs.proto.INode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.lmdbjava.Txn;

/**
 * Visits every file of the namespace, then every file in the trash, one page of a directory's
 * children per read transaction: a long scan never pins an old LMDB snapshot (which would keep
 * the store from reusing pages) for more than one page. Depth first, so the directories still
 * to visit are at most depth * pageSize ids, whatever the size of the namespace.
 */
public final class NamespaceWalk {
  /** Called with each file, inside the read transaction of its page. */
  public interface Visitor {
    void file(Txn<ByteBuffer> txn, INode file, boolean deleted);
  }

  private record Frame(long directoryId, boolean deleted, String startAfter) {}

  private final MasterStore store;
  private final Namespace namespace;
  private final int pageSize;

  public NamespaceWalk(MasterStore store, Namespace namespace, int pageSize) {
    this.store = store;
    this.namespace = namespace;
    this.pageSize = pageSize;
  }

  /** Walks until done or keepGoing turns false (checked between pages); true when done. */
  public boolean walk(Visitor visitor, BooleanSupplier keepGoing) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(Keys.TRASH_ID, true, null));  // popped last: deleted files come after live ones
    stack.push(new Frame(Keys.ROOT_ID, false, null));
    while (!stack.isEmpty()) {
      if (!keepGoing.getAsBoolean()) {
        return false;
      }
      Frame frame = stack.pop();
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        List<INode> page = namespace.children(txn, frame.directoryId(), frame.startAfter(), pageSize);
        if (page.size() == pageSize) {
          stack.push(new Frame(frame.directoryId(), frame.deleted(), page.get(page.size() - 1).getName()));
        }
        for (INode child : page) {
          if (child.getType() == FileType.DIRECTORY) {
            stack.push(new Frame(child.getId(), frame.deleted(), null));
          } else {
            visitor.file(txn, child, frame.deleted());
          }
        }
      }
    }
    return true;
  }
}
