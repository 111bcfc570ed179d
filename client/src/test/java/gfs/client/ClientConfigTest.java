package gfs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
  @TempDir Path dir;

  @Test
  void loadsEveryKey() throws IOException {
    Path file = dir.resolve("client.conf");
    Files.writeString(file, String.join("\n",
        "masters = 127.0.0.1:7101, 127.0.0.1:7102,127.0.0.1:7103",
        "client.rpc.timeout.ms = 2000",
        "client.operation.timeout.ms = 9000",
        "client.location.cache.ms = 100",
        "client.stale.reads = true"));
    ClientConfig config = ClientConfig.load(file);
    assertEquals(List.of("127.0.0.1:7101", "127.0.0.1:7102", "127.0.0.1:7103"), config.masters());
    assertEquals(2000, config.rpcTimeoutMs());
    assertEquals(9000, config.operationTimeoutMs());
    assertEquals(100, config.locationCacheMs());
    assertTrue(config.staleReads());
  }

  @Test
  void malformedMasterAddressIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClientConfig.of(List.of("127.0.0.1:7101", "localhost")));
    assertTrue(e.getMessage().contains("'localhost'"), e.getMessage());
  }

  @Test
  void missingMastersKeyIsAnError() throws IOException {
    Path file = dir.resolve("empty.conf");
    Files.writeString(file, "client.rpc.timeout.ms = 2000\n");
    IOException e = assertThrows(IOException.class, () -> ClientConfig.load(file));
    assertTrue(e.getMessage().contains("masters"), e.getMessage());
  }
}
