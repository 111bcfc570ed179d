package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "setrep", mixinStandardHelpOptions = true,
    description = {"Sets the replication goal of a file (or, with -R, of every file under a directory).",
        "The master then adds replicas (re-replication) or removes extra ones over time."})
public final class SetrepCommand extends ClientCommand {
  /** Files between two progress lines on stderr. */
  static final int PROGRESS_EVERY_FILES = 100;

  @Option(names = "-R", description = "Apply to every file below PATH (a directory).")
  boolean recursive;

  @Parameters(index = "0", paramLabel = "N", description = "Replicas wanted, at least 1.")
  int replication;

  @Parameters(index = "1", paramLabel = "PATH") String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
    if (replication < 1) {
      throw new UsageException("replication must be at least 1, not " + replication);
    }
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<String> files = recursive ? filesUnder(client, path) : List.of(path);
    PrintStream progress = context().err();
    int done = 0;
    for (String file : files) {
      client.setReplication(file, replication);
      done++;
      if (recursive && done % PROGRESS_EVERY_FILES == 0) {
        progress.println("setrep: " + done + " of " + files.size() + " files");
      }
    }
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("replication", replication);
      result.put("files", files);
      out.json(result);
    } else if (recursive) {
      out.line("replication " + replication + " set on " + files.size() + " files under " + path);
    }
  }

  /** Every file at or below path, depth first; a file path is itself. */
  static List<String> filesUnder(GfsClient client, String path) throws GfsException {
    List<String> files = new ArrayList<>();
    Deque<String> directories = new ArrayDeque<>();
    FileStatus top = client.stat(path);
    if (!top.directory()) {
      return List.of(path);
    }
    directories.push(path);
    while (!directories.isEmpty()) {
      String directory = directories.pop();
      for (FileStatus entry : client.list(directory)) {
        String child = RemotePaths.child(directory, entry.name());
        if (entry.directory()) {
          directories.push(child);
        } else {
          files.add(child);
        }
      }
    }
    return files;
  }
}
