package gfs.master;

import gfs.common.Config;
import gfs.master.config.MasterConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The master daemon: `gfs master --config FILE`, as a service manager runs it. */
public final class MasterMain {
  private static final Logger LOG = LoggerFactory.getLogger(MasterMain.class);

  private MasterMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: MasterMain --config FILE");
      System.exit(2);
    }
    run(Path.of(args[1]));
  }

  /** Starts a master from configFile and blocks until the process is asked to stop. */
  public static void run(Path configFile) throws Exception {
    MasterConfig config = MasterConfig.from(Config.load(configFile));
    MasterServer master = MasterServer.start(config, fatal -> {
      // A replica that cannot apply a committed entry must not go on serving a diverged state.
      LOG.error("master {} halting after a fatal state machine error", config.id(), fatal);
      Runtime.getRuntime().halt(70);
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        master.close();
      } catch (Exception e) {
        LOG.warn("error while stopping master {}", config.id(), e);
      } finally {
        stopped.countDown();
      }
    }, "master-shutdown"));
    stopped.await();
  }
}
