package gfs.shell.command;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import gfs.shell.ClientOptions;
import gfs.shell.ClusterDiscovery;
import gfs.shell.Main;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to a cluster: finds it, gets a client from the session (a new one for a
 * one-shot command, closed after it; the session's open one in `gfs shell`), runs.
 */
public abstract class ClientCommand extends BaseCommand {
  @Mixin private ClientOptions clientOptions;
  private int exitCode = Main.EXIT_OK;

  @Override
  public final Integer call() throws Exception {
    validate();
    ClientConfig config = clientConfig();
    GfsClient client = session().client(config);
    try {
      execute(client, output());
    } finally {
      session().release(client);
    }
    return exitCode;
  }

  /**
   * For a command whose answer is itself a verdict (fsck finding missing chunks): it has printed
   * its result and exits with this code instead of 0.
   */
  protected void exitWith(int code) {
    exitCode = code;
  }

  /** Checks the arguments before any connection is made; throws UsageException. */
  protected void validate() throws UsageException {}

  protected abstract void execute(GfsClient client, Output out) throws Exception;

  /** Whether this command only reads metadata, so that --stale may apply to it. */
  protected boolean readsOnly() {
    return false;
  }

  /** --stale given after the command name (read commands have the option). */
  protected boolean staleAfterCommand() {
    return false;
  }

  ClientConfig clientConfig() throws Exception {
    ClientOptions options = clientOptions.orElse(main().clientOptions())
        .orElse(session().clientDefaults());
    ClusterDiscovery.Source source = ClusterDiscovery.resolve(options, context());
    ClientConfig config = ClusterDiscovery.load(source, options.timeoutMs());
    if (main().staleOption().stale() || staleAfterCommand()) {
      if (!readsOnly()) {
        throw new UsageException("--stale applies to the read commands"
            + " (ls, stat, cat, head, tail, get, du, checksum),"
            + " not to '" + qualifiedName() + "'");
      }
      config = config.withStaleReads(true);
    }
    return config;
  }
}
