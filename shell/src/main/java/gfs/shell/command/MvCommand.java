package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mv", mixinStandardHelpOptions = true,
    description = "Renames a file or directory; into DST when DST is an existing directory.")
public final class MvCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  @Override
  protected void validate() throws UsageException {
    source = remote(source);
    destination = remote(destination);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    String target = destination;
    if (isDirectory(client, destination)) {
      target = RemotePaths.child(destination, RemotePaths.name(source));
    }
    client.rename(source, target);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("source", source);
      result.put("destination", target);
      out.json(result);
    }
  }

  /** Whether path names an existing file (not a directory). */
  static boolean existsAsFile(GfsClient client, String path) throws GfsException {
    try {
      return !client.stat(path).directory();
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  static boolean isDirectory(GfsClient client, String path) throws GfsException {
    try {
      FileStatus status = client.stat(path);
      return status.directory();
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
