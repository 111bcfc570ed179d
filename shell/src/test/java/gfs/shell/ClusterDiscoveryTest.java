package gfs.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --conf, then $GFS_CONF, then --masters, then the last ./gfs local, else a usage error. */
class ClusterDiscoveryTest {
  @TempDir Path home;
  private Path optionConf;
  private Path envConf;
  private Path localConf;

  @BeforeEach
  void writeConfigs() throws Exception {
    optionConf = write("option.conf", "masters=10.0.0.1:1\nclient.operation.timeout.ms=1234\n");
    envConf = write("env.conf", "masters=10.0.0.2:2\n");
    localConf = write("local.conf", "masters=10.0.0.3:3\n");
  }

  private Path write(String name, String text) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private ShellContext context(String gfsConf, boolean lastLocal) throws Exception {
    TestShell shell = new TestShell(home);
    if (gfsConf != null) {
      shell.env("GFS_CONF", gfsConf);
    }
    if (lastLocal) {
      Files.createDirectories(home.resolve(".gfs"));
      Files.writeString(home.resolve(".gfs").resolve(ClusterDiscovery.LAST_LOCAL), localConf + "\n");
    }
    return shell.context(new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  private static ClientConfig load(ClientOptions options, ShellContext context) throws Exception {
    return ClusterDiscovery.load(ClusterDiscovery.resolve(options, context), options.timeoutMs());
  }

  @Test
  void confOptionComesFirst() throws Exception {
    ClientConfig config = load(ClientOptions.of(optionConf, "10.0.0.9:9", null),
        context(envConf.toString(), true));
    assertEquals(List.of("10.0.0.1:1"), config.masters());
    assertEquals(1234, config.operationTimeoutMs());
  }

  @Test
  void environmentComesBeforeMastersOption() throws Exception {
    ClientConfig config = load(ClientOptions.of(null, "10.0.0.9:9", null),
        context(envConf.toString(), true));
    assertEquals(List.of("10.0.0.2:2"), config.masters());
  }

  @Test
  void mastersOptionComesBeforeLastLocal() throws Exception {
    ClientConfig config = load(ClientOptions.of(null, "10.0.0.9:9, 10.0.0.8:8", null),
        context(null, true));
    assertEquals(List.of("10.0.0.9:9", "10.0.0.8:8"), config.masters());
    assertEquals(ClientConfig.DEFAULT_OPERATION_TIMEOUT_MS, config.operationTimeoutMs());
  }

  @Test
  void lastLocalClusterIsTheFallback() throws Exception {
    ClusterDiscovery.Source source = ClusterDiscovery.resolve(ClientOptions.of(null, null, null),
        context(null, true));
    assertEquals(localConf, source.confFile());
    assertNull(source.masters());
  }

  @Test
  void nothingGivenIsAUsageErrorSayingWhatToDo() throws Exception {
    UsageException e = assertThrows(UsageException.class,
        () -> ClusterDiscovery.resolve(ClientOptions.of(null, null, null), context(null, false)));
    assertEquals(ClusterDiscovery.NO_CLUSTER, e.getMessage());
  }

  @Test
  void goneLastLocalConfigIsNamed() throws Exception {
    ShellContext context = context(null, true);
    Files.delete(localConf);
    UsageException e = assertThrows(UsageException.class,
        () -> ClusterDiscovery.resolve(ClientOptions.of(null, null, null), context));
    assertTrue(e.getMessage().contains(localConf.toString()), e.getMessage());
  }

  @Test
  void missingConfFileIsNamedWithWhereItCameFrom() throws Exception {
    UsageException e = assertThrows(UsageException.class,
        () -> load(ClientOptions.of(null, null, null), context(home.resolve("x.conf").toString(), false)));
    assertTrue(e.getMessage().contains("x.conf") && e.getMessage().contains("GFS_CONF"),
        e.getMessage());
  }

  @Test
  void timeoutOptionBoundsTheOperation() throws Exception {
    ClientConfig config = load(ClientOptions.of(optionConf, null, 500L), context(null, false));
    assertEquals(500, config.operationTimeoutMs());
    assertTrue(config.rpcTimeoutMs() <= 500);
  }

  @Test
  void optionsAfterTheCommandOverrideThoseBefore() {
    ClientOptions before = ClientOptions.of(optionConf, "10.0.0.9:9", 100L);
    ClientOptions after = ClientOptions.of(null, "10.0.0.7:7", null);
    ClientOptions merged = after.orElse(before);
    assertEquals(optionConf, merged.conf());
    assertEquals("10.0.0.7:7", merged.masters());
    assertEquals(100L, merged.timeoutMs());
  }

  @Test
  void gfsHomeDefaultsToDotGfsInTheUserHome() {
    ShellContext context = new ShellContext(System.in, new ByteArrayOutputStream(), System.err,
        java.util.Map.of(), home);
    assertEquals(home.resolve(".gfs"), context.gfsHome());
  }
}
