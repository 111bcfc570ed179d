package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import gfs.shell.output.Views;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Creates directories.")
public final class MkdirCommand extends ClientCommand {
  @Option(names = "-p", description = "Create missing parents too; no error if it exists.")
  boolean parents;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Directories to create.")
  List<String> paths;

  @Override
  protected void validate() throws UsageException {
    paths = remotes(paths);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<FileStatus> created = new ArrayList<>();
    for (String path : paths) {
      created.add(client.mkdir(path, parents));
    }
    if (out.json()) {
      out.json(Views.files(created));
    }
  }
}
