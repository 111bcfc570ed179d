package gfs.shell;

import picocli.CommandLine.Option;

/** --help and --version without their short forms, for commands where -h means human-readable sizes. */
public final class HelpOnlyLong {
  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", versionHelp = true, description = "Print version information and exit.")
  boolean version;
}
