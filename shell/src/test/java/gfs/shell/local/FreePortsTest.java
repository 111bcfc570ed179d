package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAreDistinctFreeAndBelowTheEphemeralRange() throws Exception {
    List<Integer> ports = FreePorts.allocate(20);
    assertEquals(20, new HashSet<>(ports).size(), "distinct: " + ports);
    for (int port : ports) {
      assertTrue(port >= FreePorts.LOW_PORT && port < 32_768, port + " is outside " + FreePorts.LOW_PORT + "..32767");
      assertTrue(FreePorts.isFree(LocalLayout.HOST, port), port + " is free");
    }
  }
}
