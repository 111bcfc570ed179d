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
    description = {"Lists a directory (or shows a file): names, or a table with -l.",
        "With --deleted, also the deleted entries that were in it and can still be restored:"
            + " their deletion time and trash name (/.trash/...), for `gfs restore` or `gfs rm`."})
public final class LsCommand extends ReadCommand {
  @Option(names = "-l", description = "Long format: mode, replication, owner, length, modified, name.")
  boolean longFormat;

  @Option(names = "--deleted", description = "Also list deleted entries still in the trash (restorable).")
  boolean deleted;

  @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = "/",
      description = "Directory or file (default: /).")
  String path;

  @Override
  protected void validate() throws UsageException {
    RemotePaths.absolute(path);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<FileStatus> entries = client.list(path, deleted);
    if (out.json()) {
      out.json(Views.files(entries));
    } else if (longFormat) {
      out.table(longTable(entries, ZoneId.systemDefault()));
    } else {
      entries.forEach(e -> out.line(shortLine(e, ZoneId.systemDefault())));
    }
  }

  /** The name; a deleted entry also shows when it was deleted and its trash name. */
  static String shortLine(FileStatus e, ZoneId zone) {
    String name = e.name() + (e.directory() ? "/" : "");
    if (!e.deleted()) {
      return name;
    }
    return name + "  (deleted " + Formats.time(e.deletedAtMs(), zone) + ", " + e.deletedPath() + ")";
  }

  static Table longTable(List<FileStatus> entries, ZoneId zone) {
    if (entries.stream().anyMatch(FileStatus::deleted)) {
      return longTableWithDeleted(entries, zone);
    }
    Table table = new Table().left("MODE").right("REPL").left("OWNER").right("LENGTH")
        .left("MODIFIED").left("NAME");
    for (FileStatus e : entries) {
      table.row(Formats.mode(e.directory(), e.mode()), e.directory() ? "-" : e.replication(),
          e.owner(), e.directory() ? "-" : e.length(), Formats.time(e.modificationTimeMs(), zone),
          e.name() + (e.directory() ? "/" : ""));
    }
    return table;
  }

  private static Table longTableWithDeleted(List<FileStatus> entries, ZoneId zone) {
    Table table = new Table().left("MODE").right("REPL").left("OWNER").right("LENGTH")
        .left("MODIFIED").left("NAME").left("DELETED").left("TRASH NAME");
    for (FileStatus e : entries) {
      table.row(Formats.mode(e.directory(), e.mode()), e.directory() ? "-" : e.replication(),
          e.owner(), e.directory() ? "-" : e.length(), Formats.time(e.modificationTimeMs(), zone),
          e.name() + (e.directory() ? "/" : ""),
          e.deleted() ? Formats.time(e.deletedAtMs(), zone) : "-",
          e.deleted() ? e.deletedPath() : "-");
    }
    return table;
  }
}
