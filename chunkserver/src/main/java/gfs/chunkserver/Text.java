package gfs.chunkserver;

import gfs.proto.ChunkserverInfo;

/** Formatting shared by log lines and error messages, so every message names things alike. */
public final class Text {
  private Text() {}

  /** A chunk handle as operators see it: "chunk 0x1f". */
  public static String chunk(long handle) {
    return "chunk 0x" + Long.toHexString(handle);
  }

  /** A peer as "id (host:port)". */
  public static String peer(ChunkserverInfo info) {
    return (info.getId().isEmpty() ? "?" : info.getId()) + " (" + info.getHost() + ":" + info.getPort() + ")";
  }

  /** Error messages travel on one line; nested messages from peers may not. */
  public static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
  }
}
