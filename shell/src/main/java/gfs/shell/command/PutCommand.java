package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.CommandFailedException;
import gfs.shell.Progress;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "put", mixinStandardHelpOptions = true,
    description = {"Copies a local file or directory (or stdin with -) into gfs.",
        "Missing parent directories are created. If REMOTE is a directory (or ends in /),",
        "the file or directory goes into it under its local name. A directory is copied with",
        "everything below it, empty directories included (files only: links are followed,",
        "other kinds skipped with a note).",
        "If a file's copy fails, its partly written gfs file is deleted (files copied before stay).",
        "On a terminal, a transfer of 16 MiB or more shows a progress bar on stderr."})
public final class PutCommand extends ClientCommand {
  @Option(names = "-f", description = "Overwrite existing gfs files.")
  boolean force;

  @Parameters(index = "0", paramLabel = "LOCAL|-") String local;
  @Parameters(index = "1", paramLabel = "REMOTE") String remote;

  /** REMOTE ended in /: it names a directory to copy into. */
  private boolean intoDirectory;

  @Override
  protected void validate() throws UsageException {
    intoDirectory = remote.endsWith("/");
    if (local.equals("-") && intoDirectory) {
      throw new UsageException("put from stdin needs a file name, not the directory " + remote);
    }
    remote = remote(remote);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    if (local.equals("-")) {
      String target = targetPath(client);
      long bytes = NewRemoteFile.write(client, target, 0, force, context().stdin(), Progress.NONE);
      printFile(out, target, bytes);
      return;
    }
    Path source = Path.of(local);
    if (!Files.exists(source)) {
      throw new NoSuchFileException(local);
    }
    String target = targetPath(client);
    if (Files.isDirectory(source)) {
      putDirectory(client, out, source, target);
      return;
    }
    Progress progress = Progress.of(context(), out.json(), "put " + source.getFileName(),
        Files.size(source));
    long bytes = copy(client, source, target, progress);
    progress.finish();
    printFile(out, target, bytes);
  }

  private void putDirectory(GfsClient client, Output out, Path source, String target)
      throws Exception {
    if (MvCommand.existsAsFile(client, target)) {
      throw new CommandFailedException(target + " is a file; put copies a directory to a"
          + " directory or a new path");
    }
    String root = target;
    List<Path> directories = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    long totalBytes = 0;
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          directories.add(path);
        } else if (Files.isRegularFile(path)) {
          files.add(path);
          totalBytes += Files.size(path);
        } else {
          context().err().println("gfs: skipping " + path + ": not a regular file");
        }
      }
    }
    for (Path directory : directories) {
      client.mkdir(remoteOf(root, source, directory), true);
    }
    Progress progress = Progress.of(context(), out.json(), "put " + source.getFileName() + "/",
        totalBytes);
    long bytes = 0;
    for (Path file : files) {
      bytes += copy(client, file, remoteOf(root, source, file), progress);
    }
    progress.finish();
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", root);
      result.put("directories", directories.size());
      result.put("files", files.size());
      result.put("length", bytes);
      out.json(result);
    }
  }

  private long copy(GfsClient client, Path file, String target, Progress progress)
      throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return NewRemoteFile.write(client, target, 0, force, in, progress);
    } catch (Exception e) {
      progress.abandon();
      throw e;
    }
  }

  /** The gfs path of a local path below source, when source goes to root. */
  static String remoteOf(String root, Path source, Path local) {
    String relative = source.relativize(local).toString().replace('\\', '/');
    return relative.isEmpty() ? root : RemotePaths.child(root, relative);
  }

  /** REMOTE, or REMOTE/NAME when REMOTE is a directory. */
  private String targetPath(GfsClient client) throws Exception {
    boolean directory = intoDirectory || MvCommand.isDirectory(client, remote);
    if (!directory) {
      return remote;
    }
    if (local.equals("-")) {
      throw new UsageException(remote + " is a directory: give put from stdin a file name");
    }
    Path name = Path.of(local).toAbsolutePath().normalize().getFileName();
    if (name == null) {
      throw new UsageException("put of " + local + " needs a REMOTE name, not the directory "
          + remote);
    }
    return RemotePaths.child(remote, name.toString());
  }

  private static void printFile(Output out, String target, long bytes) {
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", target);
      result.put("length", bytes);
      out.json(result);
    }
  }
}
