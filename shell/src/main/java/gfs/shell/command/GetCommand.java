package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.CommandFailedException;
import gfs.shell.Progress;
import gfs.shell.Streams;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Copies a gfs file or directory to a local one (into LOCAL, if it is a directory),",
        "or a file to stdout (-). A directory is copied with everything below it.",
        "Each local file appears complete or not at all: it is written aside and renamed;",
        "an existing local file of that name is replaced.",
        "On a terminal, a transfer of 16 MiB or more shows a progress bar on stderr."})
public final class GetCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "REMOTE") String remote;
  @Parameters(index = "1", paramLabel = "LOCAL|-") String local;

  @Override
  protected void validate() throws UsageException {
    remote = remote(remote);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileStatus status = client.stat(remote);
    if (local.equals("-")) {
      if (status.directory()) {
        throw new CommandFailedException(remote + " is a directory; get - writes one file to stdout");
      }
      try (InputStream in = client.openInputStream(remote)) {
        DataOut.write(context(), remote, in, out.json());
      }
      return;
    }
    Path target = Path.of(local).toAbsolutePath();
    if (Files.isDirectory(target)) {
      target = target.resolve(RemotePaths.name(remote));
    }
    if (status.directory()) {
      getDirectory(client, out, target);
      return;
    }
    long length = Progress.wanted(context(), out.json()) ? client.length(remote) : 0;
    Progress progress = Progress.of(context(), out.json(), "get " + RemotePaths.name(remote), length);
    long bytes = copyToFile(client, remote, target, progress);
    progress.finish();
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", remote);
      result.put("local", target.toString());
      result.put("length", bytes);
      out.json(result);
    }
  }

  private void getDirectory(GfsClient client, Output out, Path target) throws Exception {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new CommandFailedException(target + " is a local file; get copies the directory "
          + remote + " to a directory or a new path");
    }
    List<RemoteTree.Entry> entries = RemoteTree.walk(client, remote, false);
    long totalBytes = 0;
    for (RemoteTree.Entry entry : entries) {
      totalBytes += entry.status().directory() ? 0 : entry.status().length();
    }
    Files.createDirectories(target);
    Progress progress = Progress.of(context(), out.json(), "get " + RemotePaths.name(remote) + "/",
        totalBytes);
    long bytes = 0;
    int files = 0;
    int directories = 1;
    for (RemoteTree.Entry entry : entries) {
      Path local = localOf(target, remote, entry.path());
      if (entry.status().directory()) {
        Files.createDirectories(local);
        directories++;
      } else {
        bytes += copyToFile(client, entry.path(), local, progress);
        files++;
      }
    }
    progress.finish();
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", remote);
      result.put("local", target.toString());
      result.put("directories", directories);
      result.put("files", files);
      result.put("length", bytes);
      out.json(result);
    }
  }

  /** The local path of a gfs path below root, when root goes to target. */
  static Path localOf(Path target, String root, String path) {
    String relative = root.equals("/") ? path.substring(1) : path.substring(root.length() + 1);
    return target.resolve(relative);
  }

  private static long copyToFile(GfsClient client, String path, Path target, Progress progress)
      throws Exception {
    Path directory = target.getParent();
    Path partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".gfs-get");
    boolean done = false;
    try {
      long bytes;
      try (InputStream in = client.openInputStream(path);
           OutputStream fileOut = Files.newOutputStream(partial)) {
        bytes = Streams.copy(in, fileOut, progress);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return bytes;
    } finally {
      if (!done) {
        progress.abandon();
        Files.deleteIfExists(partial);
      }
    }
  }
}
