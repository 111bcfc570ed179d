package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import gfs.shell.output.Views;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "Lists a directory (or shows a file): names, or a table with -l.")
public final class LsCommand extends ReadCommand {
  @Option(names = "-l", description = "Long format: mode, replication, owner, length, modified, name.")
  boolean longFormat;

  @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = "/",
      description = "Directory or file (default: /).")
  String path;

  @Override
  protected void validate() throws UsageException {
    RemotePaths.absolute(path);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<FileStatus> entries = client.list(path);
    if (out.json()) {
      out.json(Views.files(entries));
    } else if (longFormat) {
      out.table(longTable(entries, ZoneId.systemDefault()));
    } else {
      entries.forEach(e -> out.line(e.name() + (e.directory() ? "/" : "")));
    }
  }

  static Table longTable(List<FileStatus> entries, ZoneId zone) {
    Table table = new Table().left("MODE").right("REPL").left("OWNER").right("LENGTH")
        .left("MODIFIED").left("NAME");
    for (FileStatus e : entries) {
      table.row(Formats.mode(e.directory(), e.mode()), e.directory() ? "-" : e.replication(),
          e.owner(), e.directory() ? "-" : e.length(), Formats.time(e.modificationTimeMs(), zone),
          e.name() + (e.directory() ? "/" : ""));
    }
    return table;
  }
}
