package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "checkpoint", mixinStandardHelpOptions = true,
    description = "Makes the master leader take a checkpoint now (in the background, mutations go"
        + " on) and prints the log index it covers: a restart replays only the log after it.")
public final class AdminCheckpointCommand extends ClientCommand {
  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    long index = client.admin().takeCheckpoint();
    if (out.json()) {
      out.json(Map.of("index", index));
    } else {
      out.line("checkpoint at log index " + index);
    }
  }
}
