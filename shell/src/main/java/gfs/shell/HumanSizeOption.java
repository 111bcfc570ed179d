package gfs.shell;

import gfs.shell.output.Formats;
import picocli.CommandLine.Option;

/**
 * -h as `du -h`, `df -h` and `hdfs dfs -du -h` have it: sizes as 1.5 GiB instead of bytes.
 * A command that mixes this in gives up -h for help and keeps --help (see {@link HelpOnlyLong}).
 */
public final class HumanSizeOption {
  @Option(names = {"-h", "--human-readable"}, description = "Sizes in KiB, MiB, GiB... instead of bytes.")
  boolean human;

  public boolean human() {
    return human;
  }

  /** A size for a table cell: bytes, or human-readable with -h. JSON always carries bytes. */
  public String size(long bytes) {
    return human ? Formats.size(bytes) : Long.toString(bytes);
  }
}
