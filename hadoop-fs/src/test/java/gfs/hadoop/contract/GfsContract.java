package gfs.hadoop.contract;

import gfs.hadoop.TestCluster;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/**
 * gfs under Hadoop's FileSystem contract suites: the shared test cluster, reached by its master
 * list in the authority, with the options of contract/gfs.xml (what gfs supports, and why not).
 */
public class GfsContract extends AbstractFSContract {
  public static final String CONTRACT_XML = "contract/gfs.xml";

  public GfsContract(Configuration conf) {
    super(conf);
    addConfResource(CONTRACT_XML);
  }

  @Override
  public FileSystem getTestFileSystem() throws IOException {
    try {
      return FileSystem.get(URI.create("gfs://" + TestCluster.masters() + "/"), getConf());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("the gfs test cluster did not start", e);
    }
  }

  @Override
  public String getScheme() {
    return "gfs";
  }

  @Override
  public Path getTestPath() {
    return new Path("/test");
  }
}
