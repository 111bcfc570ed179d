package gfs.hadoop;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;

/**
 * gfs:// for FileContext (Hadoop's AbstractFileSystem), delegating to {@link GfsFileSystem}.
 * FileContext finds it through fs.AbstractFileSystem.gfs.impl = gfs.hadoop.GfsFs (Hadoop has
 * no service loading for AbstractFileSystem).
 */
public class GfsFs extends DelegateToFileSystem {
  public GfsFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
    // authorityNeeded: the authority names the cluster
    super(uri, new GfsFileSystem(), conf, GfsFsConfig.SCHEME, true);
  }

  /** Master addresses carry their ports: there is no default port. */
  @Override
  public int getUriDefaultPort() {
    return -1;
  }
}
