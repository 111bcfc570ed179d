package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonLauncherTest {
  @Test
  void keepsTheLauncherFlagsAndAddsNothingTwice() {
    List<String> flags = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Xmx1g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    assertEquals(flags, DaemonLauncher.jvmOptions(flags, "512m"));
  }

  @Test
  void addsWhatServersNeedWhenMissingAndDropsTheDebugger() {
    List<String> options = DaemonLauncher.jvmOptions(
        List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Dx=y"), "256m");
    assertEquals(List.of("-Dx=y", "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens",
        "java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Xmx256m"), options);
  }

  @Test
  void classPathBecomesAbsoluteKeepingWildcards() {
    String cwd = Path.of("").toAbsolutePath().toString();
    assertEquals(cwd + "/shell/target/gfs-shell.jar:" + cwd + "/shell/target/lib/*:/opt/x.jar",
        DaemonLauncher.absoluteClassPath("shell/target/gfs-shell.jar:shell/target/lib/*:/opt/x.jar"));
  }

  @Test
  void serverCommandRunsMainWithItsConfig() {
    LocalNode node = new LocalNode("master-2", LocalNode.Role.MASTER, "127.0.0.1", 1, 2, 0, null,
        Path.of("/tmp/c"));
    DaemonLauncher launcher = new DaemonLauncher(List.of("java", "-Xmx1g", "-cp", "a.jar:b.jar:c.jar",
        DaemonLauncher.MAIN_CLASS));
    List<String> command = launcher.command(node);
    assertEquals(List.of("java", "-Xmx1g", "-cp", "a.jar:b.jar:c.jar", "gfs.shell.Main", "master",
        "--config", "/tmp/c/master-2/master.properties"), command);
    assertEquals("java -Xmx1g -cp a.jar:(2 more) gfs.shell.Main master --config "
        + "/tmp/c/master-2/master.properties", DaemonLauncher.describe(command));
    assertTrue(String.join(" ", command).contains(node.commandLineMarker()));
  }
}
