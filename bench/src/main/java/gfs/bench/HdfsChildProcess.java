package gfs.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's handle on the {@link HdfsChild} JVM: starts it with this module's runtime
 * classpath, reads its URI and pid, asks it to restart its NameNode, stops it (stdin closed,
 * then SIGKILL after a grace time). Its stderr (Hadoop's logs) goes to DIR/hdfs-child.log.
 */
final class HdfsChildProcess implements AutoCloseable {
  /** The classpath file Maven writes (bench/pom.xml), used when this JVM's own is a jar. */
  static final String CLASSPATH_PROPERTY = "gfs.bench.classpath";
  private static final long START_TIMEOUT_MS = 180_000;
  private static final long STOP_GRACE_MS = 60_000;

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Thread stdoutReader;
  private final Path log;
  private URI uri;
  private long pid;

  private HdfsChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdoutReader = new Thread(this::readReplies, "bench-hdfs-child-stdout");
    this.stdoutReader.setDaemon(true);
  }

  /** Starts the child with its data under dir and waits until its cluster is up. */
  static HdfsChildProcess start(Path dir, int dataNodes, String heap, PrintStream progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("hdfs-child.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", classpath(), HdfsChild.class.getName(), dir.resolve("data").toString(),
        Integer.toString(dataNodes)));
    progress.println("bench: starting HDFS (1 NameNode, " + dataNodes
        + " DataNodes) in a JVM of its own; its log: " + log);
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    HdfsChildProcess child = new HdfsChildProcess(process, log);
    child.stdoutReader.start();
    try {
      child.uri = URI.create(child.await("uri ", START_TIMEOUT_MS));
      child.pid = Long.parseLong(child.await("pid ", START_TIMEOUT_MS));
      child.await("ready", START_TIMEOUT_MS);
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
    progress.println("bench: HDFS up at " + child.uri + " (pid " + child.pid + ")");
    return child;
  }

  URI uri() {
    return uri;
  }

  long pid() {
    return pid;
  }

  /** Asks for a NameNode restart; returns at once (the caller times the NameNode's return). */
  void requestNameNodeRestart() throws IOException {
    send(HdfsChild.RESTART_NAMENODE);
  }

  /** Waits until the child says the old NameNode has stopped (the new one is being started). */
  void awaitNameNodeStopped(long timeoutMs) throws IOException, InterruptedException {
    await("namenode-stopped", timeoutMs);
  }

  /** Waits until the child says its NameNode restart returned; how long it took there, in ms. */
  long awaitNameNodeRestarted(long timeoutMs) throws IOException, InterruptedException {
    return Long.parseLong(await("restarted ", timeoutMs));
  }

  private void send(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  /** The rest of the next protocol line starting with what; fails if the child dies first. */
  private String await(String what, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      String line = replies.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(what)) {
        return line.substring(what.length()).trim();
      }
      if (line == null && !process.isAlive() && replies.isEmpty()) {
        throw new IOException("the HDFS child exited with " + process.exitValue()
            + " before saying '" + what.trim() + "'; see " + log);
      }
    }
    throw new IOException("the HDFS child did not say '" + what.trim() + "' within "
        + timeoutMs / 1000 + " s; see " + log);
  }

  private void readReplies() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(HdfsChild.PREFIX)) {
          replies.add(line.substring(HdfsChild.PREFIX.length()));
        }
      }
    } catch (IOException e) {
      // The child is gone; await() notices.
    }
  }

  /** This JVM's runtime classpath: Maven's file when given (tests), else java.class.path. */
  static String classpath() throws IOException {
    String file = System.getProperty(CLASSPATH_PROPERTY);
    if (file == null || file.isBlank()) {
      return System.getProperty("java.class.path");
    }
    String classes = Path.of(file).getParent().resolve("classes").toString();
    return classes + File.pathSeparator + Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      send(HdfsChild.STOP);
      commands.close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
    }
    stdoutReader.join(STOP_GRACE_MS);
    if (!process.isAlive()) {
      deleteData();
    }
  }

  /** The cluster's blocks and images go once it stopped; its log stays beside them. */
  private void deleteData() {
    Path data = log.resolveSibling("data");
    if (!Files.exists(data)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(data)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      System.err.println("bench: could not delete " + data + ": " + e.getMessage());
    }
  }
}
