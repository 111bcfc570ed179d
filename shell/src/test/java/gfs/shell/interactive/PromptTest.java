package gfs.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gfs.shell.ClientOptions;
import gfs.shell.TestShell;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTest {
  @TempDir Path home;

  @Test
  void thePromptNamesTheClusterAndTheCurrentDirectory() {
    assertEquals("gfs:local-cluster:/data> ", Prompt.of("local-cluster", "/data"));
    assertEquals("local-cluster", Prompt.clusterName(Path.of("/srv/local-cluster/client.conf")));
    assertEquals("prod", Prompt.clusterName(Path.of("/etc/gfs/prod.conf")));
    TestShell shell = new TestShell(home);
    var context = shell.context(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    assertEquals("10.0.0.1:7100", Prompt.clusterName(
        ClientOptions.of(null, "10.0.0.1:7100,10.0.0.2:7100", null), context));
    assertEquals("?", Prompt.clusterName(new ClientOptions(), context), "no cluster known");
  }
}
