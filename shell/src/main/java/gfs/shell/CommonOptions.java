package gfs.shell;

import picocli.CommandLine.Option;

/** Options every command takes, before or after the command name. */
public final class CommonOptions {
  @Option(names = "--json", description = "Machine-readable output (JSON) on stdout.")
  boolean json;

  @Option(names = "--debug", description = "Print stack traces with errors; log gfs classes at DEBUG.")
  boolean debug;

  public boolean json() {
    return json;
  }

  public boolean debug() {
    return debug;
  }
}
