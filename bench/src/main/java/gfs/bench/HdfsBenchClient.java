package gfs.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** {@link BenchClient} on Hadoop's FileSystem API: a FileSystem instance of its own. */
final class HdfsBenchClient implements BenchClient {
  private final FileSystem fs;
  /** Positional reads go through streams kept open, as a reader of a file would keep it open. */
  private final Map<String, FSDataInputStream> openForRead = new HashMap<>();

  private HdfsBenchClient(FileSystem fs) {
    this.fs = fs;
  }

  /** A new FileSystem (not Hadoop's shared cached one), so every thread has its own client. */
  static HdfsBenchClient connect(URI uri, Configuration conf) throws IOException {
    return new HdfsBenchClient(FileSystem.newInstance(uri, conf));
  }

  @Override
  public void mkdirs(String dir) throws IOException {
    fs.mkdirs(new Path(dir));
  }

  @Override
  public void createEmpty(String path) throws IOException {
    fs.create(new Path(path), false).close();
  }

  @Override
  public void stat(String path) throws IOException {
    fs.getFileStatus(new Path(path));
  }

  @Override
  public void locate(String path) throws IOException {
    BlockLocation[] blocks = fs.getFileBlockLocations(new Path(path), 0, 1);
    if (blocks.length == 0 || blocks[0].getHosts().length == 0) {
      throw new IOException("the NameNode returned no block location for " + path);
    }
  }

  @Override
  public OutputStream create(String path) throws IOException {
    return fs.create(new Path(path), false);
  }

  @Override
  public long readSequentially(String path, byte[] buffer) throws IOException {
    long total = 0;
    try (FSDataInputStream in = fs.open(new Path(path))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }
    return total;
  }

  @Override
  public void readAt(String path, long offset, byte[] buffer) throws IOException {
    FSDataInputStream in = openForRead.get(path);
    if (in == null) {
      in = fs.open(new Path(path));
      openForRead.put(path, in);
    }
    in.readFully(offset, buffer);
  }

  @Override
  public long recordAppend(String path, byte[] record) {
    throw new UnsupportedOperationException("HDFS has no concurrent record append");
  }

  @Override
  public void deleteRecursively(String path) throws IOException {
    fs.delete(new Path(path), true);
  }

  @Override
  public void close() throws IOException {
    for (FSDataInputStream in : openForRead.values()) {
      in.close();
    }
    openForRead.clear();
    fs.close();
  }
}
