package gfs.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSConfigKeys;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * The HDFS side of the comparison, in a JVM of its own (started by {@link HdfsChildProcess}):
 * a MiniDFSCluster of one NameNode and DATANODES DataNodes, replication 3, data under DIR.
 * Speaks a line protocol: prints {@code hdfs-child: uri URI}, {@code hdfs-child: pid PID} and
 * {@code hdfs-child: ready} on stdout, then reads commands from stdin:
 * {@code restart-namenode} (answered by {@code hdfs-child: namenode-stopped}, then
 * {@code hdfs-child: restarted} once the new NameNode's start returned) and {@code stop}.
 * It stops when stdin closes too, so it never outlives the benchmark.
 */
public final class HdfsChild {
  static final String PREFIX = "hdfs-child: ";
  static final String RESTART_NAMENODE = "restart-namenode";
  static final String STOP = "stop";

  private HdfsChild() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: HdfsChild DIR DATANODES");
      System.exit(2);
    }
    // Hadoop components may print to stdout: protocol lines carry a prefix, the rest is ignored.
    PrintStream out = System.out;
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Path.of(args[0]).toAbsolutePath().toString());
    conf.setInt(DFSConfigKeys.DFS_REPLICATION_KEY, 3);
    // Leave safe mode as soon as the blocks are reported after a restart rather than 30 s
    // later: the restart figure is then the NameNode's, not a fixed wait.
    conf.setInt(DFSConfigKeys.DFS_NAMENODE_SAFEMODE_EXTENSION_KEY, 0);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
        .numDataNodes(Integer.parseInt(args[1])).build();
    try {
      cluster.waitActive();
      out.println(PREFIX + "uri " + cluster.getURI());
      out.println(PREFIX + "pid " + ProcessHandle.current().pid());
      out.println(PREFIX + "ready");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals(STOP); line = in.readLine()) {
        if (line.equals(RESTART_NAMENODE)) {
          // Stopped first, so that the benchmark can time the new one from outside, from here.
          cluster.shutdownNameNode(0);
          out.println(PREFIX + "namenode-stopped");
          out.flush();
          long start = System.nanoTime();
          cluster.restartNameNode(0, false);
          // How long the start took inside this JVM: a cross-check of the outside timing.
          out.println(PREFIX + "restarted " + (System.nanoTime() - start) / 1_000_000);
        } else {
          out.println(PREFIX + "unknown command " + line);
        }
        out.flush();
      }
    } finally {
      cluster.shutdown();
      out.println(PREFIX + "stopped");
      out.flush();
    }
  }
}
