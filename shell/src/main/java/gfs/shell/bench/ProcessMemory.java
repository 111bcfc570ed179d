package gfs.shell.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a server JVM seen from outside: resident set size from /proc/PID/status and Java
 * heap from `jcmd PID GC.heap_info`, after `jcmd PID GC.run` so that the heap figure is what
 * is live rather than garbage not yet collected.
 *
 * @param rssBytes resident set size of the whole process
 * @param heapUsedBytes Java heap in use after a full collection
 * @param heapCommittedBytes Java heap the JVM has reserved from the OS
 */
public record ProcessMemory(long rssBytes, long heapUsedBytes, long heapCommittedBytes) {
  private static final long JCMD_TIMEOUT_MS = 30_000;
  private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
  private static final Pattern VM_HWM = Pattern.compile("^VmHWM:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
  /** "garbage-first heap   total 65536K, used 23456K [..." (one line per heap space). */
  private static final Pattern HEAP_SPACE = Pattern.compile("total (\\d+)K, used (\\d+)K");

  public static ProcessMemory of(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    long rss = rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"),
        StandardCharsets.UTF_8));
    long[] heap = heap(jcmd(pid, "GC.heap_info"));
    return new ProcessMemory(rss, heap[0], heap[1]);
  }

  /** {resident, peak resident} bytes of a process now (VmRSS, VmHWM), without jcmd or a GC. */
  public static long[] residentBytes(long pid) throws IOException {
    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"),
        StandardCharsets.UTF_8);
    return new long[] {rssBytes(status), peakRssBytes(status)};
  }

  /** VmHWM: the largest the resident set has been since the process started. */
  static long peakRssBytes(String procStatus) throws IOException {
    Matcher matcher = VM_HWM.matcher(procStatus);
    if (!matcher.find()) {
      throw new IOException("no VmHWM line in /proc/PID/status");
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  static long rssBytes(String procStatus) throws IOException {
    Matcher matcher = VM_RSS.matcher(procStatus);
    if (!matcher.find()) {
      throw new IOException("no VmRSS line in /proc/PID/status");
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  /** {used, committed} bytes summed over the heap spaces jcmd lists (not Metaspace). */
  static long[] heap(String heapInfo) throws IOException {
    long used = 0;
    long committed = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher matcher = HEAP_SPACE.matcher(line);
      if (matcher.find()) {
        committed += Long.parseLong(matcher.group(1)) * 1024;
        used += Long.parseLong(matcher.group(2)) * 1024;
        found = true;
      }
    }
    if (!found) {
      throw new IOException("jcmd GC.heap_info printed no heap line: " + heapInfo.strip());
    }
    return new long[] {used, committed};
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> args = new ArrayList<>();
    args.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
    args.add(Long.toString(pid));
    args.add(command);
    Path output = Files.createTempFile("gfs-bench-jcmd", ".txt");
    try {
      Process process = new ProcessBuilder(args).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(JCMD_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("jcmd " + pid + " " + command + " did not finish within "
            + JCMD_TIMEOUT_MS / 1000 + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException("jcmd " + pid + " " + command + " failed: " + text.strip());
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
