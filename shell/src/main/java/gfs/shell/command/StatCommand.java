package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.shell.UsageException;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Views;
import java.time.ZoneId;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stat", mixinStandardHelpOptions = true,
    description = {"Shows what the master knows of a file or directory.",
        "A file's length is asked of the replicas of its last chunk (exact);"
            + " if they cannot answer, the master's last reported length is shown."})
public final class StatCommand extends ReadCommand {
  @Parameters(paramLabel = "PATH") String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    FileStatus status = client.stat(path);
    long length = status.length();
    String lengthNote = null;
    if (!status.directory()) {
      try {
        length = client.length(path);
      } catch (GfsException e) {
        lengthNote = "as last reported to the master; replicas did not answer: " + e.getMessage();
      }
    }
    if (out.json()) {
      Map<String, Object> view = Views.file(status);
      view.put("length", length);
      view.put("length_exact", lengthNote == null);
      out.json(view);
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    out.line("path:        " + status.path());
    out.line("type:        " + (status.directory() ? "directory" : "file"));
    if (!status.directory()) {
      out.line("length:      " + length + " (" + Formats.size(length) + ")"
          + (lengthNote == null ? "" : " " + lengthNote));
      out.line("replication: " + status.replication());
      out.line("chunks:      " + status.chunkCount() + " of " + Formats.size(status.chunkSizeBytes()));
    }
    out.line("owner:       " + status.owner());
    out.line("mode:        " + Formats.octalMode(status.mode()) + " ("
        + Formats.mode(status.directory(), status.mode()) + ")");
    out.line("modified:    " + Formats.timeSeconds(status.modificationTimeMs(), zone));
    if (status.deletedAtMs() > 0) {
      out.line("deleted:     " + Formats.timeSeconds(status.deletedAtMs(), zone));
    }
  }
}
