package gfs.bench;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.client.common.ChunkSize;
import gfs.client.common.Deadline;
import gfs.client.location.ChunkLocator;
import gfs.client.location.LocationCache;
import gfs.client.master.MasterClient;
import gfs.proto.ReadOptions;
import gfs.shell.bench.BenchFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@link BenchClient} on gfs's own client library: a GfsClient of its own. */
final class GfsBenchClient implements BenchClient {
  private final GfsClient client;
  private final ClientConfig config;
  /** For {@link #locate}: the client library's locator with a cache that keeps nothing. */
  private final MasterClient master;
  private final ChunkLocator uncachedLocator;

  GfsBenchClient(ClientConfig config) {
    this.config = config;
    this.client = GfsClient.connect(config);
    this.master = new MasterClient(config);
    this.uncachedLocator = new ChunkLocator(master, new LocationCache(0), new ChunkSize(),
        ReadOptions.getDefaultInstance());
  }

  @Override
  public void mkdirs(String dir) throws GfsException {
    client.mkdir(dir, true);
  }

  @Override
  public void createEmpty(String path) throws GfsException {
    client.create(path);
  }

  @Override
  public void stat(String path) throws GfsException, IOException {
    if (client.stat(path) == null) {
      throw new IOException("no such file: " + path);
    }
  }

  @Override
  public void locate(String path) throws GfsException, IOException {
    Deadline deadline = Deadline.afterMs(config.operationTimeoutMs());
    if (uncachedLocator.fetch(path, 0, deadline).location() == null) {
      throw new IOException("the master returned no location for " + path);
    }
  }

  @Override
  public OutputStream create(String path) throws GfsException {
    client.create(path);
    return client.openOutputStream(path);
  }

  @Override
  public long readSequentially(String path, byte[] buffer) throws GfsException, IOException {
    long total = 0;
    try (InputStream in = client.openInputStream(path)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }
    return total;
  }

  @Override
  public void readAt(String path, long offset, byte[] buffer) throws GfsException, IOException {
    int done = 0;
    while (done < buffer.length) {
      int n = client.read(path, offset + done, buffer, done, buffer.length - done);
      if (n < 0) {
        throw new IOException("short read of " + path + " at " + offset + ": " + done + " of "
            + buffer.length + " bytes");
      }
      done += n;
    }
  }

  @Override
  public long recordAppend(String path, byte[] record) throws GfsException {
    return client.recordAppend(path, record);
  }

  /** Deletes, then purges the deleted copy from the trash (as gfs bench io does). */
  @Override
  public void deleteRecursively(String path) throws GfsException, InterruptedException {
    BenchFiles.deleteAndPurge(client, path, path.substring(0, Math.max(1, path.lastIndexOf('/'))));
  }

  @Override
  public void close() {
    master.close();
    client.close();
  }
}
