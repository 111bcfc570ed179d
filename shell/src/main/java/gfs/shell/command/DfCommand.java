package gfs.shell.command;

import gfs.client.ClusterView;
import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "df", mixinStandardHelpOptions = false,
    description = {"Capacity of the cluster, as `hdfs dfs -df`: SIZE and AVAILABLE are the disk"
        + " space of the live chunkservers' data directories, USED the chunk bytes they hold.",
        "Chunkservers sharing a disk (one machine, ./gfs local) each count it whole."})
public final class DfCommand extends ClientCommand {
  @Mixin HelpOnlyLong help;
  @Mixin HumanSizeOption sizes;

  /** The live chunkservers' figures summed. */
  record Capacity(long capacityBytes, long usedBytes, long freeBytes, int liveChunkservers,
      int chunkservers) {
    static Capacity of(ClusterView view) {
      long capacity = 0;
      long used = 0;
      long free = 0;
      int live = 0;
      for (ClusterView.Chunkserver cs : view.chunkservers()) {
        if (!cs.state().equals("LIVE") && !cs.state().equals("DECOMMISSIONING")) {
          continue; // dead or drained: its space is not there to use
        }
        live++;
        capacity += Math.max(0, cs.capacityBytes());
        used += Math.max(0, cs.usedBytes());
        free += Math.max(0, cs.freeBytes());
      }
      return new Capacity(capacity, used, free, live, view.chunkservers().size());
    }

    /** Used as a whole percentage of capacity, 0 without capacity. */
    long usePercent() {
      return capacityBytes <= 0 ? 0 : Math.round(100.0 * usedBytes / capacityBytes);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    Capacity capacity = Capacity.of(client.clusterStatus());
    String filesystem = "gfs://" + client.config().masters().get(0);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("filesystem", filesystem);
      result.put("capacity_bytes", capacity.capacityBytes());
      result.put("used_bytes", capacity.usedBytes());
      result.put("available_bytes", capacity.freeBytes());
      result.put("use_percent", capacity.usePercent());
      result.put("live_chunkservers", capacity.liveChunkservers());
      result.put("chunkservers", capacity.chunkservers());
      out.json(result);
      return;
    }
    Table table = new Table().left("FILESYSTEM").right("SIZE").right("USED").right("AVAILABLE")
        .right("USE%").right("CHUNKSERVERS");
    table.row(filesystem, sizes.size(capacity.capacityBytes()), sizes.size(capacity.usedBytes()),
        sizes.size(capacity.freeBytes()), String.format(Locale.ROOT, "%d%%", capacity.usePercent()),
        capacity.liveChunkservers() + " live of " + capacity.chunkservers());
    out.table(table);
  }
}
