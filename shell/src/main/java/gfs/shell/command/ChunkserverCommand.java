package gfs.shell.command;

import gfs.shell.Daemons;
import gfs.shell.Main;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "chunkserver", mixinStandardHelpOptions = true,
    description = "Runs a chunkserver in the foreground until it is stopped (SIGTERM).")
public final class ChunkserverCommand extends BaseCommand {
  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "chunkserver.properties (chunkserver.id, port, rack, data dir, masters, ...).")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new NoSuchFileException(config.toString());
    }
    Daemons.runChunkserver(config.toAbsolutePath());
    return Main.EXIT_OK;
  }
}
