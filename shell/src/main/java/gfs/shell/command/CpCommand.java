package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.CommandFailedException;
import gfs.shell.Progress;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cp", mixinStandardHelpOptions = true,
    description = {"Copies a gfs file or directory (with everything below it) to DST, or into DST"
        + " when it is an existing directory. The bytes are read and written again through this"
        + " client, each copy with its source's replication goal; `gfs snapshot` makes a"
        + " copy-on-write copy at once instead.",
        "If a file's copy fails, its partly written copy is deleted (files copied before stay).",
        "On a terminal, a copy of 16 MiB or more shows a progress bar on stderr."})
public final class CpCommand extends ClientCommand {
  @Option(names = "-f", description = "Overwrite existing files at the destination.")
  boolean force;

  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  @Override
  protected void validate() throws UsageException {
    source = remote(source);
    destination = remote(destination);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileStatus top = client.stat(source);
    String target = destination;
    if (MvCommand.isDirectory(client, destination)) {
      target = RemotePaths.child(destination, RemotePaths.name(source));
    }
    if (target.equals(source)) {
      throw new CommandFailedException(source + " and " + target + " are the same");
    }
    if (top.directory() && RemotePaths.isAtOrBelow(target, source)) {
      throw new CommandFailedException("cannot copy the directory " + source + " into itself ("
          + target + ")");
    }
    List<RemoteTree.Entry> entries = RemoteTree.walk(client, source, false);
    long totalBytes = 0;
    for (RemoteTree.Entry entry : entries) {
      totalBytes += entry.status().directory() ? 0 : entry.status().length();
    }
    Progress progress = Progress.of(context(), out.json(), "cp " + RemotePaths.name(source)
        + (top.directory() ? "/" : ""), totalBytes);
    if (top.directory()) {
      client.mkdir(target, true);
    }
    long bytes = 0;
    int files = 0;
    for (RemoteTree.Entry entry : entries) {
      String copy = top.directory() ? target + entry.path().substring(source.length()) : target;
      if (entry.status().directory()) {
        client.mkdir(copy, true);
        continue;
      }
      try (InputStream in = client.openInputStream(entry.path())) {
        bytes += NewRemoteFile.write(client, copy, entry.status().replication(), force, in,
            progress);
        files++;
      } catch (Exception e) {
        progress.abandon();
        throw e;
      }
    }
    progress.finish();
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("source", source);
      result.put("destination", target);
      result.put("files", files);
      result.put("length", bytes);
      out.json(result);
    }
  }
}
