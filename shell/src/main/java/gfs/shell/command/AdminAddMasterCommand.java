package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.rpc.HostPort;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add-master", mixinStandardHelpOptions = true,
    description = {"Adds a running master to the master group: a voter, or with --shadow a"
        + " read-only shadow (Raft listener). The leader brings it up to date before the change"
        + " takes effect.",
        "Start it first, its config listing the group (master.peers, master.shadows) and itself;"
            + " afterwards add it to every master's config, to chunkserver.masters and to the"
            + " clients' masters, so restarts and chunkservers know it."})
public final class AdminAddMasterCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Id of the new master, e.g. master-4.")
  String id;

  @Parameters(index = "1", paramLabel = "RAFT_ADDR", description = "host:port of its Raft port.")
  String raftAddress;

  @Parameters(index = "2", paramLabel = "SERVICE_ADDR",
      description = "host:port of its service port (clients, chunkservers, admin).")
  String serviceAddress;

  @Option(names = "--shadow", description = "Add it as a read-only shadow, not a voter.")
  boolean shadow;

  @Override
  protected void validate() throws UsageException {
    for (String address : new String[] {raftAddress, serviceAddress}) {
      try {
        HostPort.parse(address);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    client.admin().addMaster(id, raftAddress, serviceAddress, shadow);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", id);
      result.put("role", shadow ? "LISTENER" : "FOLLOWER");
      result.put("raft_address", raftAddress);
      result.put("address", serviceAddress);
      out.json(result);
    } else {
      out.line("added " + (shadow ? "shadow " : "master ") + id + " (raft " + raftAddress
          + ", service " + serviceAddress + ") to the master group");
    }
  }
}
