package gfs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Clients of one system, one per thread, opened before a measurement so that it does not time
 * their start.
 */
final class ClientPool implements AutoCloseable {
  private final List<BenchClient> clients = new ArrayList<>();

  ClientPool(SystemUnderTest system, int count) throws Exception {
    try {
      for (int i = 0; i < count; i++) {
        clients.add(system.newClient());
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  BenchClient get(int thread) {
    return clients.get(thread);
  }

  @Override
  public void close() {
    for (BenchClient client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing a client of a finished measurement: nothing to do about it.
      }
    }
    clients.clear();
  }
}
