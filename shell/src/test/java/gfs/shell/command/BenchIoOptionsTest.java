package gfs.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.Main;
import gfs.shell.TestShell;
import gfs.shell.UsageException;
import gfs.shell.bench.IoBenchmark;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gfs bench io`'s options become its settings, and impossible ones are refused by name. */
class BenchIoOptionsTest {
  @TempDir Path home;

  private BenchCommand bench(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = "io";
    System.arraycopy(args, 0, all, 2, args.length);
    return (BenchCommand) Main.commandLine(new TestShell(home).context(new ByteArrayOutputStream(),
        new ByteArrayOutputStream())).parseArgs(all).subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsAreTheIssuesBenchmark() throws Exception {
    IoBenchmark.Settings settings = bench().ioSettings();
    assertEquals(List.of(1, 2, 4, 8), settings.clients());
    assertEquals(1L << 30, settings.writeSizeBytes());
    assertEquals(1L << 20, settings.writeIoBytes());
    assertEquals(4L << 20, settings.readIoBytes());
    assertEquals(64L << 10, settings.recordSizeBytes());
    assertEquals(512L << 20, settings.writeWarmupBytes());
  }

  @Test
  void sizesAndCountsParse() throws Exception {
    IoBenchmark.Settings settings = bench("--clients", "2,1,2", "--write-size", "64MB",
        "--write-io", "512KB", "--read-io", "1MB", "--record-size", "4KB", "--duration-s", "5",
        "--warmup-s", "0", "--phase-timeout-s", "30", "--baseline-size", "128MB", "--local",
        "--chunk-size", "16MB", "--write-warmup", "0").ioSettings();
    assertEquals(List.of(2, 1), settings.clients());
    assertEquals(64L << 20, settings.writeSizeBytes());
    assertEquals(128, settings.writeSizeBytes() / settings.writeIoBytes());
    assertEquals(1L << 20, settings.readIoBytes());
    assertEquals(4096, settings.recordSizeBytes());
    assertEquals(5, settings.durationS());
    assertEquals(0, settings.warmupS());
    assertEquals(30, settings.phaseTimeoutS());
    assertEquals(128L << 20, settings.baselineBytes());
    assertEquals(0, settings.writeWarmupBytes());
  }

  @Test
  void impossibleSettingsAreRefusedNamingTheOption() {
    assertTrue(message("--clients", "0").contains("--clients"));
    assertTrue(message("--write-size", "3MB", "--write-io", "2MB")
        .contains("multiple of --write-io"));
    assertTrue(message("--write-size", "2MB", "--read-io", "4MB").contains("--read-io"));
    assertTrue(message("--duration-s", "0").contains("--duration-s"));
    assertTrue(message("--write-io", "1GB", "--write-size", "2GB").contains("--write-io"));
    assertTrue(message("--chunk-size", "16MB").contains("--local"));
  }

  private String message(String... args) {
    return assertThrows(UsageException.class, () -> bench(args).ioSettings()).getMessage();
  }
}
