package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.HelpOnlyLong;
import gfs.shell.HumanSizeOption;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "du", mixinStandardHelpOptions = false,
    description = {"Space used under each PATH: for a directory one row per entry in it (a"
        + " subdirectory summed over everything below it), with -s one row for PATH itself.",
        "SIZE sums file lengths; WITH REPLICAS multiplies each by its replication goal (shared"
            + " snapshot chunks are counted once per file). Lengths are as the master knows them,"
            + " which may lag a write by a heartbeat; --exact asks the replicas of every file."})
public final class DuCommand extends ReadCommand {
  @Mixin HelpOnlyLong help;
  @Mixin HumanSizeOption sizes;

  @Option(names = "-s", description = "Summary: one total per PATH.")
  boolean summary;

  @Option(names = "--exact", description = "Ask each file's replicas for its length (one call per file).")
  boolean exact;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Files or directories (default: the current directory).")
  List<String> paths = new ArrayList<>();

  /** Space used by one file or tree. */
  record Usage(String path, boolean directory, long bytes, long replicatedBytes, long files) {}

  @Override
  protected void validate() throws UsageException {
    paths = remotes(paths.isEmpty() ? List.of(".") : paths);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<Usage> rows = new ArrayList<>();
    for (String path : paths) {
      rows.addAll(usage(client, path));
    }
    if (out.json()) {
      List<Object> list = new ArrayList<>();
      for (Usage row : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", row.path());
        m.put("type", row.directory() ? "directory" : "file");
        m.put("length", row.bytes());
        m.put("replicated_length", row.replicatedBytes());
        m.put("files", row.files());
        list.add(m);
      }
      out.json(list);
      return;
    }
    Table table = new Table().right("SIZE").right("WITH REPLICAS").right("FILES").left("PATH");
    for (Usage row : rows) {
      table.row(sizes.size(row.bytes()), sizes.size(row.replicatedBytes()), row.files(),
          row.path() + (row.directory() ? "/" : ""));
    }
    out.table(table);
  }

  /** Rows for one PATH: itself with -s or when a file, else one per entry directly in it. */
  private List<Usage> usage(GfsClient client, String path) throws Exception {
    List<RemoteTree.Entry> entries = RemoteTree.walk(client, path, false);
    // A file walks to itself alone; a directory to what is below it (nothing, when empty).
    boolean directory = entries.isEmpty() || !entries.get(0).path().equals(path);
    Map<String, long[]> sums = new LinkedHashMap<>(); // path -> {bytes, replicated, files}
    Map<String, Boolean> isDirectory = new LinkedHashMap<>();
    if (summary || !directory) {
      sums.put(path, new long[3]);
      isDirectory.put(path, directory);
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    for (RemoteTree.Entry entry : entries) {
      String row = summary || !directory ? path : topLevel(prefix, entry.path());
      if (!sums.containsKey(row)) {
        sums.put(row, new long[3]);
        isDirectory.put(row, entry.status().directory());
      }
      if (!entry.status().directory()) {
        long length = exact ? client.length(entry.path()) : entry.status().length();
        long[] sum = sums.get(row);
        sum[0] += length;
        sum[1] += length * Math.max(1, entry.status().replication());
        sum[2]++;
      }
    }
    List<Usage> rows = new ArrayList<>();
    sums.forEach((row, sum) -> rows.add(new Usage(row, isDirectory.get(row), sum[0], sum[1], sum[2])));
    return rows;
  }

  /** The entry directly in the directory (prefix) that path is, or lies below. */
  static String topLevel(String prefix, String path) {
    int slash = path.indexOf('/', prefix.length());
    return slash < 0 ? path : path.substring(0, slash);
  }
}
