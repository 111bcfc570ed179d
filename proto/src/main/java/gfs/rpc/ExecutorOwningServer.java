package gfs.rpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A gRPC server that also stops the executor it was given, so no thread outlives it. */
final class ExecutorOwningServer extends Server {
  private final Server delegate;
  private final ExecutorService executor;

  ExecutorOwningServer(Server delegate, ExecutorService executor) {
    this.delegate = delegate;
    this.executor = executor;
  }

  @Override public Server start() throws IOException { delegate.start(); return this; }
  @Override public int getPort() { return delegate.getPort(); }
  @Override public List<? extends SocketAddress> getListenSockets() { return delegate.getListenSockets(); }
  @Override public List<ServerServiceDefinition> getServices() { return delegate.getServices(); }
  @Override public boolean isShutdown() { return delegate.isShutdown(); }
  @Override public boolean isTerminated() { return delegate.isTerminated(); }

  @Override public Server shutdown() {
    delegate.shutdown();
    executor.shutdown();
    return this;
  }

  @Override public Server shutdownNow() {
    delegate.shutdownNow();
    executor.shutdownNow();
    return this;
  }

  @Override public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    boolean done = delegate.awaitTermination(timeout, unit);
    long left = deadline - System.nanoTime();
    return done && executor.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS);
  }

  @Override public void awaitTermination() throws InterruptedException {
    delegate.awaitTermination();
    executor.awaitTermination(1, TimeUnit.MINUTES);
  }
}
