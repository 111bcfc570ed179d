package gfs.shell.command;

import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Formats;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import gfs.shell.output.Views;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true,
    description = {"Lists a directory (or shows a file): names, or a table with -l.",
        "With -R, everything below it, depth first, each entry by its full path.",
        "With --deleted, also the deleted entries that were in it and can still be restored:"
            + " their deletion time and trash name (/.trash/...), for `gfs restore` or `gfs rm`."})
public final class LsCommand extends ReadCommand {
  @Option(names = "-l", description = "Long format: mode, replication, owner, length, modified, name.")
  boolean longFormat;

  @Option(names = "-R", description = "Recursive: every entry below PATH, by full path.")
  boolean recursive;

  @Option(names = "--deleted", description = "Also list deleted entries still in the trash (restorable).")
  boolean deleted;

  @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = ".",
      description = "Directory or file (default: the current directory, / outside gfs shell).")
  String path;

  @Override
  protected void validate() throws UsageException {
    path = remote(path);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<RemoteTree.Entry> entries = new ArrayList<>();
    if (recursive) {
      entries = RemoteTree.walk(client, path, deleted);
    } else {
      for (FileStatus status : client.list(path, deleted)) {
        entries.add(new RemoteTree.Entry(status.name(), status));
      }
    }
    ZoneId zone = ZoneId.systemDefault();
    if (out.json()) {
      List<FileStatus> statuses = new ArrayList<>();
      entries.forEach(e -> statuses.add(e.status()));
      out.json(Views.files(statuses));
    } else if (longFormat) {
      out.table(table(entries, zone));
    } else {
      entries.forEach(e -> out.line(shortLine(e.path(), e.status(), zone)));
    }
  }

  static String shortLine(FileStatus e, ZoneId zone) {
    return shortLine(e.name(), e, zone);
  }

  /** The name; a deleted entry also shows when it was deleted and its trash name. */
  static String shortLine(String name, FileStatus e, ZoneId zone) {
    String shown = name + (e.directory() ? "/" : "");
    if (!e.deleted()) {
      return shown;
    }
    return shown + "  (deleted " + Formats.time(e.deletedAtMs(), zone) + ", " + e.deletedPath() + ")";
  }

  static Table longTable(List<FileStatus> statuses, ZoneId zone) {
    List<RemoteTree.Entry> entries = new ArrayList<>();
    statuses.forEach(s -> entries.add(new RemoteTree.Entry(s.name(), s)));
    return table(entries, zone);
  }

  /** One row per entry; the deletion columns appear only when something is deleted. */
  static Table table(List<RemoteTree.Entry> entries, ZoneId zone) {
    boolean anyDeleted = false;
    for (RemoteTree.Entry e : entries) {
      anyDeleted |= e.status().deleted();
    }
    Table table = new Table().left("MODE").right("REPL").left("OWNER").right("LENGTH")
        .left("MODIFIED").left("NAME");
    if (anyDeleted) {
      table.left("DELETED").left("TRASH NAME");
    }
    for (RemoteTree.Entry entry : entries) {
      FileStatus e = entry.status();
      List<Object> cells = new ArrayList<>(List.of(Formats.mode(e.directory(), e.mode()),
          e.directory() ? "-" : e.replication(), e.owner(), e.directory() ? "-" : e.length(),
          Formats.time(e.modificationTimeMs(), zone), entry.path() + (e.directory() ? "/" : "")));
      if (anyDeleted) {
        cells.add(e.deleted() ? Formats.time(e.deletedAtMs(), zone) : "-");
        cells.add(e.deleted() ? e.deletedPath() : "-");
      }
      table.row(cells.toArray());
    }
    return table;
  }
}
