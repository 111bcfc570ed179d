package gfs.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's RPC log: one line per call answered (method, peer, latency, outcome), so that a
 * sequence of calls across servers can be put back together from their logs. Off by default;
 * switched at run time through the metrics endpoint (POST /rpclog?enabled=true).
 */
public final class RpcLog {
  /** Its own logger name, so the lines can be told apart from (or sent elsewhere than) the rest. */
  private static final Logger LOG = LoggerFactory.getLogger("gfs.rpc.log");

  private final String serverId;
  private final AtomicBoolean enabled;

  RpcLog(String serverId, boolean enabled) {
    this.serverId = serverId;
    this.enabled = new AtomicBoolean(enabled);
  }

  public boolean enabled() {
    return enabled.get();
  }

  public void setEnabled(boolean on) {
    if (enabled.getAndSet(on) != on) {
      LOG.info("{}: RPC log {}", serverId, on ? "on" : "off");
    }
  }

  void record(String method, String peer, long nanos, String outcome) {
    if (enabled.get()) {
      LOG.info("{}: rpc {} from {} took {} us: {}", serverId, method, peer, nanos / 1000, outcome);
    }
  }
}
