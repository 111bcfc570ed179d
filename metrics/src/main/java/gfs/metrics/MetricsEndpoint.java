package gfs.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gfs.rpc.NamedThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's HTTP endpoint for Prometheus: GET /metrics is the scrape; GET /rpclog tells
 * whether the RPC log is on, POST /rpclog?enabled=true|false switches it. Two named threads
 * with a bounded queue serve it, so a storm of scrapes cannot take the server's threads.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer http;
  private final ExecutorService executor;
  private final String host;

  private MetricsEndpoint(HttpServer http, ExecutorService executor, String host) {
    this.http = http;
    this.executor = executor;
    this.host = host;
  }

  /** Binds host:port (0 = any free port) and starts serving. */
  public static MetricsEndpoint start(String serverId, String host, int port, ServerMetrics metrics)
      throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IOException(serverId + ": cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(64), NamedThreads.factory(serverId + "-metrics-http", true));
    executor.allowCoreThreadTimeOut(true);
    http.setExecutor(executor);
    http.createContext("/metrics", exchange -> answer(exchange, () -> {
      requireMethod(exchange, "GET");
      return new Reply(200, PROMETHEUS_TEXT, metrics.scrape());
    }));
    http.createContext("/rpclog", exchange -> answer(exchange, () -> rpcLog(exchange, metrics.rpcLog())));
    http.start();
    MetricsEndpoint endpoint = new MetricsEndpoint(http, executor, host);
    LOG.info("{}: metrics on http://{}/metrics", serverId, endpoint.address());
    return endpoint;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** host:port, as servers report it to the masters and Prometheus scrapes it. */
  public String address() {
    return host + ":" + port();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private static Reply rpcLog(HttpExchange exchange, RpcLog log) throws HttpProblem {
    if (exchange.getRequestMethod().equals("POST")) {
      String query = exchange.getRequestURI().getQuery();
      if ("enabled=true".equals(query)) {
        log.setEnabled(true);
      } else if ("enabled=false".equals(query)) {
        log.setEnabled(false);
      } else {
        throw new HttpProblem(400, "POST /rpclog needs ?enabled=true or ?enabled=false, got ?" + query);
      }
    } else {
      requireMethod(exchange, "GET");
    }
    return new Reply(200, "text/plain; charset=utf-8", "rpc log " + (log.enabled() ? "on" : "off") + "\n");
  }

  private static void requireMethod(HttpExchange exchange, String method) throws HttpProblem {
    if (!exchange.getRequestMethod().equals(method)) {
      throw new HttpProblem(405, exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
          + " is not supported; use " + method);
    }
  }

  private static void answer(HttpExchange exchange, Handler handler) throws IOException {
    Reply reply;
    try {
      reply = handler.handle();
    } catch (HttpProblem e) {
      reply = new Reply(e.status, "text/plain; charset=utf-8", e.getMessage() + "\n");
    } catch (RuntimeException e) {
      LOG.warn("metrics endpoint: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = new Reply(500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
    }
    byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType);
    exchange.sendResponseHeaders(reply.status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private record Reply(int status, String contentType, String body) {}

  private interface Handler {
    Reply handle() throws HttpProblem;
  }

  private static final class HttpProblem extends Exception {
    private final int status;

    HttpProblem(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
