package gfs.it;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an end-to-end test fails, prints the warnings and errors its servers logged (the
 * NAME.log files under the test's @TempDir), so that a failure in CI, where the directory is
 * gone afterwards, can be diagnosed from the build output. Registered for every test in
 * it/ through the ServiceLoader file and junit-platform.properties.
 */
public final class ServerLogsOnFailure implements TestExecutionExceptionHandler {
  static final int MAX_LINES_PER_LOG = 60;

  /** Runs while the test's @TempDir still exists (a TestWatcher would run after its removal). */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable cause)
      throws Throwable {
    context.getTestInstance().ifPresent(instance -> {
      for (Path dir : tempDirs(instance)) {
        printServerLogs(dir, context.getDisplayName());
      }
    });
    throw cause;
  }

  private static List<Path> tempDirs(Object instance) {
    List<Path> dirs = new ArrayList<>();
    for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isAnnotationPresent(TempDir.class) && field.getType() == Path.class) {
          try {
            field.setAccessible(true);
            Object value = field.get(instance);
            if (value != null) {
              dirs.add((Path) value);
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("ServerLogsOnFailure: cannot read " + field + ": " + e);
          }
        }
      }
    }
    return dirs;
  }

  private static void printServerLogs(Path dir, String test) {
    List<Path> logs;
    try (Stream<Path> files = Files.walk(dir, 3)) {
      logs = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      System.out.println("ServerLogsOnFailure: cannot list " + dir + ": " + e);
      return;
    }
    for (Path log : logs) {
      List<String> interesting = new ArrayList<>();
      try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
        lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("===")
                || l.contains("gfs.master.lease"))
            .filter(l -> !l.contains("org.apache.ratis"))
            .forEach(interesting::add);
      } catch (IOException | java.io.UncheckedIOException e) {
        System.out.println("ServerLogsOnFailure: cannot read " + log + ": " + e);
        continue;
      }
      int from = Math.max(0, interesting.size() - MAX_LINES_PER_LOG);
      System.out.println("---- " + test + ": warnings and errors in " + dir.relativize(log)
          + " (" + interesting.size() + ", last " + (interesting.size() - from) + ") ----");
      interesting.subList(from, interesting.size()).forEach(System.out::println);
    }
  }
}
