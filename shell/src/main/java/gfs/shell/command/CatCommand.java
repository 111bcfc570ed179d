package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true,
    description = {"Writes files to stdout, one after the other.",
        "With --json: one object per file, the data base64-encoded."})
public final class CatCommand extends ReadCommand {
  @Parameters(paramLabel = "REMOTE", arity = "1..*") List<String> paths;

  @Override
  protected void validate() throws UsageException {
    paths = remotes(paths);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    for (String path : paths) {
      try (InputStream in = client.openInputStream(path)) {
        DataOut.write(context(), path, in, out.json());
      }
    }
  }
}
