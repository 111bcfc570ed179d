package gfs.shell.command;

import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Views;
import picocli.CommandLine.Command;

@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Shows the masters (Raft role, term, commit and applied index, lag behind the leader)"
        + " and the chunkservers.")
public final class ClusterCommand extends ClientCommand {
  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    ClusterView view = client.clusterStatus();
    if (out.json()) {
      out.json(Views.cluster(view));
      return;
    }
    String leader = view.leaderId() == null || view.leaderId().isEmpty() ? "none" : view.leaderId();
    out.line("MASTERS (leader: " + leader + ")");
    out.table(Views.mastersTable(view));
    out.line("");
    out.line("CHUNKSERVERS (" + view.chunkservers().size()
        + (view.fromLeader() || view.reportedBy().isEmpty() ? ""
            : ", as " + view.reportedBy() + " sees them: the leader did not answer") + ")");
    out.table(Views.chunkserversTable(view));
    out.line("");
    out.line("files and directories: " + view.fileCount() + ", chunks: " + view.chunkCount()
        + " (under-replicated: " + view.underReplicatedChunks() + ", missing: "
        + view.missingChunks() + ", over-replicated: " + view.overReplicatedChunks()
        + "), chunk size: " + Formats.size(view.chunkSizeBytes()));
    out.line("clones in flight: " + view.clonesInFlight() + ", deleted entries awaiting collection: "
        + view.deletedEntries());
    if (view.safeMode()) {
      out.line("SAFE MODE: the masters refuse mutations");
    }
  }
}
