package gfs.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One server's metrics: a Prometheus registry whose every series carries the server's role
 * and id (and rack, for chunkservers), with the JVM and process metrics bound, and the
 * RPC interceptor that times every call. Closed by the server that made it.
 */
public final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final RpcLog rpcLog;
  private final RpcMetrics rpc;
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  private ServerMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc, RpcLog rpcLog) {
    this.registry = registry;
    this.gc = gc;
    this.rpcLog = rpcLog;
    this.rpc = new RpcMetrics(registry, rpcLog);
  }

  /** role: "master" or "chunkserver"; tags: further fixed labels such as rack. */
  public static ServerMetrics create(String role, String serverId, boolean rpcLogOn, List<Tag> tags) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(List.of(Tag.of("role", role), Tag.of("server", serverId)));
    registry.config().commonTags(tags);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new ServerMetrics(registry, gc, new RpcLog(serverId, rpcLogOn));
  }

  /** Runs before every scrape: for series whose set of labels changes (servers come and go). */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(refresh);
  }

  /** The Prometheus text of every series, refreshed. */
  public String scrape() {
    for (Runnable refresh : beforeScrape) {
      refresh.run();
    }
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Times every call of the services it intercepts; writes the RPC log while it is on. */
  public RpcMetrics rpcInterceptor() {
    return rpc;
  }

  public RpcLog rpcLog() {
    return rpcLog;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
