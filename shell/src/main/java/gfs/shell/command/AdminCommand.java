package gfs.shell.command;

import gfs.shell.Main;
import picocli.CommandLine.Command;

/** `gfs admin ...`: the master group's administration, one class per subcommand. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {"Administers the cluster: the master group (peers and their lag, leadership,"
        + " membership, checkpoints, safe mode), the chunkservers (report, list, topology, drain), chunk"
        + " health (fsck) and the leader's background work (re-replication, rebalancing, garbage"
        + " collection).",
        "Every command takes --json; the status commands print sizes in bytes, with -h human-readable."},
    subcommands = {
        AdminMastersCommand.class,
        AdminTransferLeaderCommand.class,
        AdminAddMasterCommand.class,
        AdminRemoveMasterCommand.class,
        AdminCheckpointCommand.class,
        AdminDecommissionCommand.class,
        AdminRecommissionCommand.class,
        AdminDecommissionStatusCommand.class,
        AdminReportCommand.class,
        AdminChunkserversCommand.class,
        AdminTopologyCommand.class,
        AdminFsckCommand.class,
        AdminSafemodeCommand.class,
        AdminBalancerCommand.class,
        AdminReplicationCommand.class,
        AdminGcCommand.class})
public final class AdminCommand extends BaseCommand {
  @Override
  public Integer call() {
    spec().commandLine().usage(context().err());
    return Main.EXIT_USAGE;
  }
}
