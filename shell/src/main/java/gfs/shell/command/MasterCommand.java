package gfs.shell.command;

import gfs.shell.Daemons;
import gfs.shell.Main;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Runs a master (a Ratis peer) in the foreground until it is stopped (SIGTERM).")
public final class MasterCommand extends BaseCommand {
  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "master.properties (master.id, master.port, master.raft.port, master.peers, ...).")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new NoSuchFileException(config.toString());
    }
    Daemons.runMaster(config.toAbsolutePath());
    return Main.EXIT_OK;
  }
}
