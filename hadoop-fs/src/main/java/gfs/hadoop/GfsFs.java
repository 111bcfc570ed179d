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
    // authorityNeeded would demand a default port and rebuild the authority as host:port, which
    // breaks a master list or a cluster name; GfsFileSystem refuses a URI without authority.
    super(uri, new GfsFileSystem(), conf, GfsFsConfig.SCHEME, false);
  }

  /** Master addresses carry their ports: there is no default port. */
  @Override
  public int getUriDefaultPort() {
    return -1;
  }
}
