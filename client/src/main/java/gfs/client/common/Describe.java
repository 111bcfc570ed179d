package gfs.client.common;

import gfs.proto.ChunkserverInfo;
import java.util.List;
import java.util.stream.Collectors;

/** How messages name chunks and chunkservers, the same way everywhere. */
public final class Describe {
  private Describe() {}

  /** "0x1f": handles are unsigned 64-bit. */
  public static String handle(long handle) {
    return "0x" + Long.toHexString(handle);
  }

  /** "chunk 0x1f (index 3 of /a/b)". */
  public static String chunk(long handle, long chunkIndex, String path) {
    return "chunk " + handle(handle) + " (index " + chunkIndex + " of " + path + ")";
  }

  /** "host:port" of a chunkserver, the key of its channel. */
  public static String address(ChunkserverInfo server) {
    return server.getHost() + ":" + server.getPort();
  }

  /** "chunkserver-2 (127.0.0.1:7302)". */
  public static String server(ChunkserverInfo server) {
    return server.getId() + " (" + address(server) + ")";
  }

  public static String servers(List<ChunkserverInfo> servers) {
    return servers.stream().map(Describe::server).collect(Collectors.joining(", ", "[", "]"));
  }
}
