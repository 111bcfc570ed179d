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
        "client.stale.reads = true",
        "client.stale.fallback.ms = 750"));
    ClientConfig config = ClientConfig.load(file);
    assertEquals(List.of("127.0.0.1:7101", "127.0.0.1:7102", "127.0.0.1:7103"), config.masters());
    assertEquals(2000, config.rpcTimeoutMs());
    assertEquals(9000, config.operationTimeoutMs());
    assertEquals(100, config.locationCacheMs());
    assertTrue(config.staleReads());
    assertEquals(750, config.staleFallbackMs());
  }

  @Test
  void staleReadsAreOffAndTheFallbackWaitsOutAnElectionByDefault() throws IOException {
    Path file = dir.resolve("minimal.conf");
    Files.writeString(file, "masters = 127.0.0.1:7101\n");
    ClientConfig config = ClientConfig.load(file);
    assertEquals(false, config.staleReads());
    assertEquals(ClientConfig.DEFAULT_STALE_FALLBACK_MS, config.staleFallbackMs());
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
