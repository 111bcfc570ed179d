package gfs.chunkserver;

import gfs.chunkserver.config.ChunkserverConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code gfs chunkserver --config FILE}: runs a chunkserver until the process is told to stop. */
public final class ChunkserverMain {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkserverMain.class);

  private ChunkserverMain() {}

  public static void main(String[] args) {
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        configFile = Path.of(args[i].substring("--config=".length()));
      } else {
        System.err.println("usage: chunkserver --config FILE (unknown argument '" + args[i] + "')");
        System.exit(2);
      }
    }
    if (configFile == null) {
      System.err.println("usage: chunkserver --config FILE");
      System.exit(2);
    }
    try {
      run(configFile);
    } catch (Exception e) {
      LOG.error("chunkserver failed: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /**
   * Starts a chunkserver from the config file and blocks until it is stopped (by the
   * shutdown hook installed here, on SIGTERM or SIGINT).
   */
  public static void run(Path configFile) throws Exception {
    ChunkserverConfig config = ChunkserverConfig.load(configFile);
    ChunkserverServer server = new ChunkserverServer(config);
    Thread hook = new Thread(server::close, config.id() + "-shutdown");
    server.start();
    Runtime.getRuntime().addShutdownHook(hook);
    server.awaitClosed();
  }
}
