package gfs.shell.command;

import gfs.shell.Main;
import picocli.CommandLine.Command;

/** `gfs admin ...`: the master group's administration, one class per subcommand. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = "Administers the master group: peers and their lag, leadership, membership,"
        + " checkpoints; drains chunkservers (decommission).",
    subcommands = {
        AdminMastersCommand.class,
        AdminTransferLeaderCommand.class,
        AdminAddMasterCommand.class,
        AdminRemoveMasterCommand.class,
        AdminCheckpointCommand.class,
        AdminDecommissionCommand.class,
        AdminRecommissionCommand.class})
public final class AdminCommand extends BaseCommand {
  @Override
  public Integer call() {
    spec().commandLine().usage(context().err());
    return Main.EXIT_USAGE;
  }
}
