package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Deletes files or directories.",
        "A deleted entry moves to the trash and can be restored (`gfs restore`) until the retention"
            + " period (gc.retention.ms, 3 days by default) ends; then its storage is reclaimed.",
        "rm of a trash name (/.trash/..., see `gfs ls --deleted`) reclaims it at once: it can no"
            + " longer be restored."})
public final class RmCommand extends ClientCommand {
  @Option(names = "-r", description = "Delete directories with everything under them.")
  boolean recursive;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories.")
  List<String> paths;

  @Override
  protected void validate() throws UsageException {
    paths = remotes(paths);
    if (paths.contains("/")) {
      throw new UsageException("refusing to delete /");
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<String> deleted = new ArrayList<>();
    for (String path : paths) {
      client.delete(path, recursive);
      deleted.add(path);
    }
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("deleted", deleted);
      out.json(result);
    }
  }
}
