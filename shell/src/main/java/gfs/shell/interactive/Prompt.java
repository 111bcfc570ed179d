package gfs.shell.interactive;

import gfs.shell.ClientOptions;
import gfs.shell.ClusterDiscovery;
import gfs.shell.ShellContext;
import gfs.shell.UsageException;
import java.nio.file.Path;

/** The prompt of `gfs shell`: gfs:CLUSTER:/current/dir> */
final class Prompt {
  private Prompt() {}

  static String of(String cluster, String directory) {
    return "gfs:" + cluster + ":" + directory + "> ";
  }

  /**
   * A short name for the cluster the shell talks to: its config file's name (the directory of
   * a client.conf, as ./gfs local writes one), or the first master's address; "?" when none.
   */
  static String clusterName(ClientOptions options, ShellContext context) {
    ClusterDiscovery.Source source;
    try {
      source = ClusterDiscovery.resolve(options, context);
    } catch (UsageException e) {
      return "?";
    }
    if (source.confFile() == null) {
      return source.masters().get(0);
    }
    return clusterName(source.confFile());
  }

  static String clusterName(Path conf) {
    Path absolute = conf.toAbsolutePath().normalize();
    String file = absolute.getFileName().toString();
    if (file.equals("client.conf") && absolute.getParent() != null
        && absolute.getParent().getFileName() != null) {
      return absolute.getParent().getFileName().toString();
    }
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
