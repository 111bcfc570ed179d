package gfs.client.records;

import gfs.client.GfsClient;
import java.io.IOException;

/** A gfs file as a {@link ByteSource}: length and reads through the client. */
final class GfsFileSource implements ByteSource {
  private final GfsClient client;
  private final String path;

  GfsFileSource(GfsClient client, String path) {
    this.client = client;
    this.path = path;
  }

  @Override
  public long length() throws IOException {
    return client.length(path);
  }

  @Override
  public int read(long offset, byte[] buffer, int at, int len) throws IOException {
    return client.read(path, offset, buffer, at, len);
  }

  @Override
  public String toString() {
    return path;
  }
}
