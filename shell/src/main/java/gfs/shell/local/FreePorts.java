package gfs.shell.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on the loopback address that nothing listens on. */
final class FreePorts {
  private FreePorts() {}

  /** Ports are picked from here: below Linux's ephemeral range (32768 and up). */
  static final int LOW_PORT = 20_000;
  static final int PORT_SPAN = 12_000;

  /**
   * count distinct free ports, below the ephemeral range: a port from that range, free when
   * picked, could be taken by some client connection (one server's to another) before its server
   * binds it. All sockets stay open until every port is picked, so none is handed out twice.
   */
  static List<Integer> allocate(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress loopback = InetAddress.getByName(LocalLayout.HOST);
      List<Integer> ports = new ArrayList<>(count);
      int start = ThreadLocalRandom.current().nextInt(PORT_SPAN);
      for (int i = 0; i < PORT_SPAN && ports.size() < count; i++) {
        int port = LOW_PORT + (start + i) % PORT_SPAN;
        try {
          ServerSocket socket = new ServerSocket(port, 1, loopback);
          sockets.add(socket);
          ports.add(port);
        } catch (IOException inUse) {
          // taken: try the next
        }
      }
      if (ports.size() < count) {
        throw new IOException("only " + ports.size() + " of " + count + " ports free in " + LOW_PORT + ".."
            + (LOW_PORT + PORT_SPAN - 1) + " on " + LocalLayout.HOST);
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Whether a server could bind host:port now (address reuse on, as gRPC servers bind). */
  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
