package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import gfs.shell.output.Views;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Brings back a deleted file or directory from the trash, within the retention period.",
        "DELETED is its trash name (/.trash/..., see `gfs ls --deleted`) or the path it had (its most"
            + " recent deletion is restored). It goes back to its old path unless TARGET is given."})
public final class RestoreCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "DELETED", description = "Trash name or original path.")
  String deleted;

  @Parameters(index = "1", paramLabel = "TARGET", arity = "0..1",
      description = "Where to restore it (default: where it was).")
  String target;

  @Override
  protected void validate() throws UsageException {
    deleted = remote(deleted);
    if (target != null) {
      target = remote(target);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileStatus restored = client.restore(deleted, target);
    if (out.json()) {
      out.json(Views.file(restored));
    } else {
      out.line("restored " + restored.path());
    }
  }
}
