package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.CommandFailedException;
import gfs.shell.Streams;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "put", mixinStandardHelpOptions = true,
    description = {"Copies a local file (or stdin with -) to a new gfs file.",
        "Missing parent directories are created. If REMOTE is a directory (or ends in /),",
        "the file goes into it under its local name.",
        "If the copy fails, the partly written gfs file is deleted."})
public final class PutCommand extends ClientCommand {
  @Option(names = "-f", description = "Overwrite REMOTE if it is an existing file.")
  boolean force;

  @Parameters(index = "0", paramLabel = "LOCAL|-") String local;
  @Parameters(index = "1", paramLabel = "REMOTE") String remote;

  @Override
  protected void validate() throws UsageException {
    RemotePaths.absolute(remote);
    if (local.equals("-") && remote.endsWith("/")) {
      throw new UsageException("put from stdin needs a file name, not the directory " + remote);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    Path localFile = local.equals("-") ? null : checkedLocalFile();
    String target = targetPath(client);
    if (force) {
      deleteExistingFile(client, target);
    }
    long bytes;
    try (InputStream in = localFile == null ? context().stdin() : Files.newInputStream(localFile)) {
      client.create(target, 0, true);
      bytes = copy(client, in, target);
    }
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", target);
      result.put("length", bytes);
      out.json(result);
    }
  }

  private Path checkedLocalFile() throws IOException, CommandFailedException {
    Path file = Path.of(local);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(local);
    }
    if (Files.isDirectory(file)) {
      throw new CommandFailedException(local + ": is a directory (put copies one file)");
    }
    return file;
  }

  /** REMOTE, or REMOTE/NAME when REMOTE is a directory. */
  private String targetPath(GfsClient client) throws Exception {
    boolean directory = remote.endsWith("/") || MvCommand.isDirectory(client, remote);
    if (!directory) {
      return remote;
    }
    if (local.equals("-")) {
      throw new UsageException(remote + " is a directory: give put from stdin a file name");
    }
    return RemotePaths.child(remote, Path.of(local).getFileName().toString());
  }

  private static void deleteExistingFile(GfsClient client, String target) throws Exception {
    FileStatus existing;
    try {
      existing = client.stat(target);
    } catch (GfsException e) {
      if (e.kind() == GfsException.Kind.NOT_FOUND) {
        return;
      }
      throw e;
    }
    if (existing.directory()) {
      throw new CommandFailedException(target + " is a directory; put -f replaces files only");
    }
    client.delete(target, false);
  }

  /** Copies into the new file; on failure deletes it so a retry needs no -f. */
  private static long copy(GfsClient client, InputStream in, String target) throws IOException {
    boolean done = false;
    try {
      long bytes;
      try (OutputStream remoteOut = client.openOutputStream(target)) {
        bytes = Streams.copy(in, remoteOut);
      }
      done = true;
      return bytes;
    } finally {
      if (!done) {
        try {
          client.delete(target, false);
        } catch (GfsException cleanupFailure) {
          // The copy's own error is the one to report; the partial file stays visible.
        }
      }
    }
  }
}
