package gfs.shell.local;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a server of a local cluster as its own OS process: the running JVM's java binary,
 * JVM flags and class path, main class gfs.shell.Main, then "master --config F" or
 * "chunkserver --config F". Output goes to D/NAME.log.
 */
public final class DaemonLauncher {
  public static final String MAIN_CLASS = "gfs.shell.Main";
  public static final String DEFAULT_HEAP = "512m";
  /** lmdbjava reflects into NIO buffers; see STACK.md. */
  static final List<String> REQUIRED_OPENS = List.of(
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
  /** STACK.md's 2-core Ratis fix: the common pool must not have parallelism 1. */
  static final String COMMON_POOL_PARALLELISM =
      "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4";
  /** A new session: Ctrl-C in the terminal reaches only ./gfs local, which stops servers in order. */
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final List<String> commandPrefix;

  DaemonLauncher(List<String> commandPrefix) {
    this.commandPrefix = List.copyOf(commandPrefix);
  }

  /** Launches servers the way this JVM was launched. */
  public static DaemonLauncher fromCurrentJvm(String heapFromEnv) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> prefix = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      prefix.add(SETSID.toString());
    }
    prefix.add(java);
    prefix.addAll(jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(),
        heapFromEnv != null ? heapFromEnv : DEFAULT_HEAP));
    prefix.add("-cp");
    prefix.add(absoluteClassPath(System.getProperty("java.class.path")));
    prefix.add(MAIN_CLASS);
    return new DaemonLauncher(prefix);
  }

  /**
   * This JVM's options for a server: a debugger agent is dropped (its port would clash),
   * the add-opens, the common-pool fix and a heap bound are added when missing.
   */
  static List<String> jvmOptions(List<String> inputArguments, String heap) {
    List<String> options = new ArrayList<>();
    for (String argument : inputArguments) {
      if (argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp")
          || argument.equals("-Xdebug")) {
        continue;
      }
      options.add(argument);
    }
    for (int i = 0; i < REQUIRED_OPENS.size(); i += 2) {
      String opens = REQUIRED_OPENS.get(i + 1);
      if (!options.contains(opens) && !options.contains("--add-opens=" + opens)) {
        options.add(REQUIRED_OPENS.get(i));
        options.add(opens);
      }
    }
    if (options.stream().noneMatch(o -> o.startsWith("-Djava.util.concurrent.ForkJoinPool.common.parallelism="))) {
      options.add(COMMON_POOL_PARALLELISM);
    }
    if (options.stream().noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxRAM"))) {
      options.add("-Xmx" + heap);
    }
    return options;
  }

  /** Class path entries made absolute: servers run with the cluster directory as working dir. */
  static String absoluteClassPath(String classPath) {
    return Stream.of(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> entry.endsWith("*")
            ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + File.separator + "*"
            : Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  public List<String> command(LocalNode node) {
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(node.role().command());
    command.add("--config");
    command.add(node.configFile().toString());
    return command;
  }

  /** The command for a log line: the class path (dozens of jars) shortened to its first entry. */
  static String describe(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      String[] entries = shown.get(cp + 1).split(File.pathSeparator);
      if (entries.length > 1) {
        shown.set(cp + 1, entries[0] + File.pathSeparator + "(" + (entries.length - 1) + " more)");
      }
    }
    return String.join(" ", shown);
  }

  /** Starts the server; its stdout and stderr are appended to its log after a start marker. */
  public Process start(LocalNode node) throws IOException {
    List<String> command = command(node);
    Files.writeString(node.logFile(), "=== " + Instant.now() + " ./gfs local starts " + node.name()
        + ": " + describe(command) + System.lineSeparator(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(node.clusterDir().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.logFile().toFile()))
        .redirectErrorStream(true);
    return builder.start();
  }
}
