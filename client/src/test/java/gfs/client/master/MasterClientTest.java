package gfs.client.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.ClientConfig;
import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.proto.StatRequest;
import gfs.proto.StatResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against real sockets: ports where nothing listens, and one that accepts but never answers. */
class MasterClientTest {

  @Test
  void noMasterReachableNamesEveryAddressAndTheLastError() throws IOException {
    String a = "127.0.0.1:" + freePort();
    String b = "127.0.0.1:" + freePort();
    ClientConfig config = new ClientConfig(List.of(a, b), 500, 1_500, 1_000, false);
    try (MasterClient master = new MasterClient(config)) {
      long start = System.nanoTime();
      GfsException e = assertThrows(GfsException.class, () -> stat(master, config));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(GfsException.Kind.UNAVAILABLE, e.kind());
      assertTrue(e.getMessage().startsWith("no master reachable at " + a + "," + b
          + " (last error: master 127.0.0.1:"), e.getMessage());
      assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
      assertTrue(elapsedMs >= 1_400 && elapsedMs < 5_000,
          "kept trying for the operation timeout, then stopped: " + elapsedMs + " ms");
    }
  }

  @Test
  void silentMasterCostsOneRpcTimeoutPerAttemptWithinTheOperationBound() throws IOException {
    // Accepts TCP but never speaks HTTP/2, like a paused process.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + silent.getLocalPort();
      ClientConfig config = new ClientConfig(List.of(address), 300, 1_000, 1_000, false);
      try (MasterClient master = new MasterClient(config)) {
        long start = System.nanoTime();
        GfsException e = assertThrows(GfsException.class, () -> stat(master, config));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(GfsException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains(address), e.getMessage());
        assertTrue(elapsedMs < 3_000, "bounded by the operation timeout: " + elapsedMs + " ms");
      }
    }
  }

  @Test
  void leaderHintMatchesConfiguredMastersOnly() {
    ClientConfig config = ClientConfig.of(List.of("10.0.0.1:7100", "10.0.0.2:7100"));
    try (MasterClient master = new MasterClient(config)) {
      assertEquals(1, master.indexOf("10.0.0.2:7100"));
      assertEquals(1, master.indexOf(" 10.0.0.2:7100 "));
      assertEquals(-1, master.indexOf("10.0.0.3:7100"));
      assertEquals(-1, master.indexOf(""));
      assertEquals(-1, master.indexOf("garbage"));
    }
  }

  private static StatResponse stat(MasterClient master, ClientConfig config) throws GfsException {
    StatRequest request = StatRequest.newBuilder().setPath("/").build();
    return master.callChecked("stat /", Deadline.afterMs(config.operationTimeoutMs()),
        stub -> stub.stat(request), StatResponse::getError);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
