package gfs.hadoop;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration for in-process jobs (local job runner) that reach the test cluster. */
final class HadoopJobs {
  private HadoopJobs() {}

  /** Jobs run in this JVM; their scratch space under workDir; gfs://test/ is the cluster. */
  static Configuration localRunner(Path workDir) throws Exception {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.set("hadoop.tmp.dir", workDir.resolve("hadoop-tmp").toString());
    conf.set("mapreduce.jobtracker.staging.root.dir", workDir.resolve("staging").toString());
    conf.set("mapreduce.cluster.local.dir", workDir.resolve("local").toString());
    TestCluster.configure(conf);
    return conf;
  }
}
