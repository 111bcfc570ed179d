package gfs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the client decides on its own, before any server is involved: no master listens at
 * the configured address, so anything that reached the network would fail as UNAVAILABLE
 * after the operation timeout instead of at once with the expected kind.
 */
class GfsClientTest {
  private GfsClient client;

  @BeforeEach
  void connect() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    client = GfsClient.connect(
        new ClientConfig(List.of("127.0.0.1:" + port), 5_000, 10_000, 60_000, false));
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void invalidPathsFailAtOnceNamingThePath() {
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path 'a/b'",
        () -> client.create("a/b"));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path '/a/../b'",
        () -> client.stat("/a/../b"));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path '/a//b'",
        () -> client.read("/a//b", 0, new byte[1], 0, 1));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path '/x/'",
        () -> client.write("/x/", 0, new byte[1], 0, 1));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path ''",
        () -> client.recordAppend("", new byte[1]));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "invalid path 'b'",
        () -> client.rename("/a", "b"));
  }

  @Test
  void badArgumentsFailAtOnce() {
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "negative offset -1",
        () -> client.read("/f", -1, new byte[1], 0, 1));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "negative offset -5",
        () -> client.write("/f", -5, new byte[1], 0, 1));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "the record is empty",
        () -> client.recordAppend("/log", new byte[0]));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "replication -1 for /f",
        () -> client.create("/f", -1, false));
    assertRejected(GfsException.Kind.INVALID_ARGUMENT, "overflows",
        () -> client.write("/f", Long.MAX_VALUE - 1, new byte[4], 0, 4));
    assertThrows(IndexOutOfBoundsException.class,
        () -> client.read("/f", 0, new byte[4], 2, 3));
  }

  @Test
  void emptyReadsAndWritesNeedNoServer() throws GfsException {
    assertEquals(0, client.read("/f", 0, new byte[4], 0, 0));
    client.write("/f", 100, new byte[4], 0, 0);
  }

  @Test
  void closedClientRefusesWorkAndClosesOnce() {
    client.close();
    client.close();
    assertThrows(IllegalStateException.class, () -> client.stat("/"));
  }

  private static void assertRejected(GfsException.Kind kind, String messagePart,
      Executable call) {
    long start = System.nanoTime();
    GfsException e = assertThrows(GfsException.class, call);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(kind, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    assertTrue(elapsedMs < 1_000, "decided without the network: " + elapsedMs + " ms");
  }
}
