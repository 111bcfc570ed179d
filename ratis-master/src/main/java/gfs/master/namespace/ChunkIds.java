package gfs.master.namespace;

/** How chunk handles are written in messages and logs. */
public final class ChunkIds {
  private ChunkIds() {}

  public static String format(long handle) {
    return "0x" + Long.toHexString(handle);
  }
}
