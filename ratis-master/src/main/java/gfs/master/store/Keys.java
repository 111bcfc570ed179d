package gfs.master.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key encodings of the master store (big-endian so LMDB orders them numerically). */
public final class Keys {
  /** Inode id of the root directory. */
  public static final long ROOT_ID = 1;
  /** Inode id of the hidden directory holding deleted files until collected. */
  public static final long TRASH_ID = 2;
  /** Parent id under which the root and the trash are stored. */
  public static final long SYSTEM_PARENT_ID = 0;
  public static final String ROOT_NAME = "/";
  public static final String TRASH_NAME = ".trash";
  /** Meta-table keys of chunkservers being drained: this prefix plus the chunkserver id. */
  public static final String DECOMMISSION_PREFIX = "decommission/";
  /** Meta-table key of the safe-mode switch (a SwitchRecord). */
  public static final String SAFE_MODE = "switch/safe-mode";
  /** Meta-table key of the balancer switch (a SwitchRecord). */
  public static final String BALANCER = "switch/balancer";

  private Keys() {}

  public static ByteBuffer inode(long parentId, String name) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocateDirect(8 + nameBytes.length);
    key.putLong(parentId).put(nameBytes).flip();
    return key;
  }

  /** The smallest key among the children of parentId whose names sort after startAfter. */
  public static ByteBuffer childrenFrom(long parentId, String startAfter) {
    if (startAfter == null || startAfter.isEmpty()) {
      ByteBuffer key = ByteBuffer.allocateDirect(8);
      key.putLong(parentId).flip();
      return key;
    }
    byte[] nameBytes = startAfter.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocateDirect(8 + nameBytes.length + 1);
    key.putLong(parentId).put(nameBytes).put((byte) 0).flip();
    return key;
  }

  public static long parentOf(ByteBuffer inodeKey) {
    return inodeKey.getLong(0);
  }

  public static ByteBuffer handle(long handle) {
    ByteBuffer key = ByteBuffer.allocateDirect(8);
    key.putLong(handle).flip();
    return key;
  }

  public static ByteBuffer text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocateDirect(bytes.length);
    key.put(bytes).flip();
    return key;
  }

  public static ByteBuffer decommission(String chunkserverId) {
    return text(DECOMMISSION_PREFIX + chunkserverId);
  }

  public static ByteBuffer call(String clientId, long callId) {
    byte[] client = clientId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer key = ByteBuffer.allocateDirect(client.length + 1 + 8);
    key.put(client).put((byte) 0).putLong(callId).flip();
    return key;
  }
}
