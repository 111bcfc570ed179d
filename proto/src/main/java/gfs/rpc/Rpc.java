package gfs.rpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one place where every gfs process builds gRPC servers and channels, so that TLS,
 * authentication, message limits and tuning are switched on here and nowhere else.
 * Every call made on a channel from here must still carry its own deadline.
 */
public final class Rpc {
  /** Largest message either side accepts: a read or push piece plus headers. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
  /**
   * Bytes a streaming sender (a push, a forwarded push) may have queued in its call before it
   * waits for the transport (the call's on-ready threshold). gRPC's default, 32 KB, is less
   * than one push piece: each piece then waited for the one before it to reach the socket, and
   * a 1 MB push down a chain of three took five times as long as to one replica.
   */
  public static final int STREAM_BUFFER_BYTES = 1 << 20;

  private Rpc() {}

  /** Starts a server on host:port (port 0 picks a free one) with the given services. */
  public static Server startServer(
      String name, String host, int port, int maxThreads, List<BindableService> services,
      List<ServerInterceptor> interceptors) throws IOException {
    ExecutorService executor = boundedExecutor(name + "-rpc", maxThreads, 10_000);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .executor(executor)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .permitKeepAliveTime(5, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, interceptors));
    }
    Server server = builder.build().start();
    return new ExecutorOwningServer(server, executor);
  }

  public static Server startServer(String name, String host, int port, int maxThreads,
      List<BindableService> services) throws IOException {
    return startServer(name, host, port, maxThreads, services, List.of());
  }

  /** A plaintext channel to host:port with keepalive, so dead peers are noticed. */
  public static ManagedChannel channel(String host, int port) {
    return NettyChannelBuilder.forAddress(host, port)
        .usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(10, TimeUnit.SECONDS)
        .keepAliveTimeout(5, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(false)
        .build();
  }

  public static ManagedChannel channel(String hostPort) {
    HostPort hp = HostPort.parse(hostPort);
    return channel(hp.host(), hp.port());
  }

  /** A fixed pool of named threads with a bounded queue: excess work is rejected, not buffered. */
  public static ExecutorService boundedExecutor(String name, int threads, int queueCapacity) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(queueCapacity), NamedThreads.factory(name, true));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Shuts a channel down, waiting at most a moment for calls in flight. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
