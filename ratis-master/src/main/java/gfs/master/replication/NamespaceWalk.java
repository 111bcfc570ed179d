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

  /** Called with each directory (on the way down) and file of a tree, with its full path. */
  public interface PathVisitor {
    void directory(String path);

    void file(Txn<ByteBuffer> txn, String path, INode file);
  }

  /** path is the directory's full path, or null when nobody asked for paths. */
  private record Frame(long directoryId, boolean deleted, String startAfter, String path) {}

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
    stack.push(new Frame(Keys.TRASH_ID, true, null, null));  // popped last: deleted files come after live ones
    stack.push(new Frame(Keys.ROOT_ID, false, null, null));
    return walk(stack, (txn, frame, file) -> visitor.file(txn, file, frame.deleted()), null, keepGoing);
  }

  /**
   * Walks the tree below the directory directoryId at path (its subdirectories in name order,
   * depth first), until done or keepGoing turns false; true when done.
   */
  public boolean walkTree(long directoryId, String path, PathVisitor visitor, BooleanSupplier keepGoing) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(directoryId, false, null, path));
    visitor.directory(path);
    return walk(stack, (txn, frame, file) -> visitor.file(txn, childPath(frame.path(), file.getName()), file),
        visitor, keepGoing);
  }

  private interface FrameVisitor {
    void file(Txn<ByteBuffer> txn, Frame frame, INode file);
  }

  private boolean walk(Deque<Frame> stack, FrameVisitor files, PathVisitor directories,
      BooleanSupplier keepGoing) {
    while (!stack.isEmpty()) {
      if (!keepGoing.getAsBoolean()) {
        return false;
      }
      Frame frame = stack.pop();
      try (Txn<ByteBuffer> txn = store.readTxn()) {
        List<INode> page = namespace.children(txn, frame.directoryId(), frame.startAfter(), pageSize);
        if (page.size() == pageSize) {
          stack.push(new Frame(frame.directoryId(), frame.deleted(), page.get(page.size() - 1).getName(),
              frame.path()));
        }
        // Pushed in reverse so that subdirectories are visited in name order.
        for (int i = page.size() - 1; i >= 0; i--) {
          INode child = page.get(i);
          if (child.getType() == FileType.DIRECTORY) {
            String path = frame.path() == null ? null : childPath(frame.path(), child.getName());
            stack.push(new Frame(child.getId(), frame.deleted(), null, path));
          }
        }
        for (INode child : page) {
          if (child.getType() == FileType.DIRECTORY) {
            if (directories != null) {
              directories.directory(childPath(frame.path(), child.getName()));
            }
          } else {
            files.file(txn, frame, child);
          }
        }
      }
    }
    return true;
  }

  private static String childPath(String parent, String name) {
    return parent.endsWith("/") ? parent + name : parent + "/" + name;
  }
}
