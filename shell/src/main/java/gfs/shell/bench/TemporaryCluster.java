package gfs.shell.bench;

import gfs.shell.CommandFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster of its own for `gfs bench meta|recovery|io --local`: `./gfs local --detach` in a temporary
 * directory (with its own GFS_HOME, so the user's "last local cluster" is left alone), stopped
 * and deleted on close (kept after a failure, for its logs), or by a shutdown hook when the
 * benchmark is interrupted.
 */
public final class TemporaryCluster implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 300_000;
  private static final long STOP_TIMEOUT_MS = 120_000;

  private final GfsScript script;
  private final Path root;
  private final PrintStream progress;
  private final Thread shutdownHook;
  private boolean closed;
  private volatile boolean keepFiles;

  private TemporaryCluster(GfsScript script, Path root, PrintStream progress) {
    this.script = script;
    this.root = root;
    this.progress = progress;
    this.shutdownHook = new Thread(this::stopQuietly, "bench-local-cluster-stop");
  }

  /** Starts ./gfs local --detach in a new temporary directory, with localFlags (e.g. --chunk-size). */
  public static TemporaryCluster start(GfsScript script, PrintStream progress,
      List<String> localFlags) throws IOException, InterruptedException, CommandFailedException {
    Path root = Files.createTempDirectory("gfs-bench-");
    TemporaryCluster cluster = new TemporaryCluster(script, root, progress);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    progress.println("bench: starting a local cluster in " + cluster.clusterDir());
    try {
      List<String> args = new ArrayList<>(List.of("local", "--dir",
          cluster.clusterDir().toString(), "--detach"));
      args.addAll(localFlags);
      script.run(cluster.env(), START_TIMEOUT_MS, args.toArray(String[]::new));
    } catch (IOException | CommandFailedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public Path clusterDir() {
    return root.resolve("cluster");
  }

  public Path clientConf() {
    return clusterDir().resolve("client.conf");
  }

  /** Leaves the directory (logs, data) in place when the cluster is stopped, e.g. after a failure. */
  public void keepFiles() {
    keepFiles = true;
  }

  private Map<String, String> env() {
    return Map.of("GFS_HOME", root.resolve("home").toString());
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Shutting down: the hook runs this anyway.
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      progress.println("bench: stopping the local cluster in " + clusterDir());
      script.run(env(), STOP_TIMEOUT_MS, "local", "--stop", "--dir", clusterDir().toString());
      if (keepFiles) {
        progress.println("bench: the cluster's logs and data are kept in " + clusterDir());
      } else {
        deleteTree(root);
      }
    } catch (IOException | CommandFailedException e) {
      progress.println("bench: could not stop or delete " + root + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
