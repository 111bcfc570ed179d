package gfs.client.master;

import gfs.client.ClientConfig;
import gfs.client.GfsException;
import gfs.client.common.Backoff;
import gfs.client.common.ChannelPool;
import gfs.client.common.Deadline;
import gfs.client.common.ErrorMapping;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.MasterAdminServiceGrpc.MasterAdminServiceBlockingStub;
import gfs.proto.MasterServiceGrpc;
import gfs.proto.MasterServiceGrpc.MasterServiceBlockingStub;
import gfs.proto.ReadOptions;
import gfs.rpc.HostPort;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the master leader, finding it on its own: sends to the master believed to lead,
 * follows NOT_LEADER hints, moves to the next master when one is down or slow, pauses a
 * little after each full round, and gives up when the operation's deadline is reached.
 * Metadata reads may instead be answered by any master (a follower or a read-only shadow):
 * always when stale reads are allowed, or when no leader answers them (see
 * {@link StaleReadPolicy}). Mutations only ever go to the leader. Thread-safe.
 */
public final class MasterClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterClient.class);

  /** After a read fell back to a non-leader, later reads fall back after one round for this long. */
  static final long RECENT_FALLBACK_MS = 10_000;
  private static final ReadOptions LEADER_READ = ReadOptions.getDefaultInstance();
  private static final ReadOptions STALE_READ = ReadOptions.newBuilder().setAllowStale(true).build();

  private final List<String> addresses;
  private final List<HostPort> hostPorts;
  private final long rpcTimeoutMs;
  private final ChannelPool channels = new ChannelPool("master");
  private final StaleReadPolicy readPolicy;
  private volatile int leaderIndex;
  /** Whether a read was ever answered by fallback to a non-leader, and when (System.nanoTime()). */
  private volatile boolean fellBack;
  private volatile long lastFallbackNanos;

  public MasterClient(ClientConfig config) {
    this.addresses = List.copyOf(config.masters());
    List<HostPort> parsed = new ArrayList<>();
    for (String address : addresses) {
      parsed.add(HostPort.parse(address));
    }
    this.hostPorts = List.copyOf(parsed);
    this.rpcTimeoutMs = config.rpcTimeoutMs();
    this.readPolicy = StaleReadPolicy.of(config);
  }

  public List<String> addresses() {
    return addresses;
  }

  public long rpcTimeoutMs() {
    return rpcTimeoutMs;
  }

  /** The pooled channel to one master, for calls that must reach every master. */
  public ManagedChannel channel(String address) {
    return channels.get(address);
  }

  public void resetBackoff(String address) {
    channels.resetBackoff(address);
  }

  /**
   * Calls MasterService on the leader. Returns the leader's answer, which may carry an
   * in-band error other than NOT_LEADER / NO_LEADER for the caller to judge.
   */
  public <R> R call(String what, Deadline deadline,
      Function<MasterServiceBlockingStub, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    return callLeader(what, deadline, rpcTimeoutMs, MasterServiceGrpc::newBlockingStub,
        (stub, read) -> invoke.apply(stub), errorOf, StaleReadPolicy.LEADER_ONLY);
  }

  /**
   * A metadata read: invoke builds the request with the ReadOptions it is handed (allow_stale
   * set when a non-leader may answer). Returns the answer, which may carry an in-band error
   * for the caller to judge.
   */
  public <R> R read(String what, Deadline deadline,
      BiFunction<MasterServiceBlockingStub, ReadOptions, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    return callLeader(what, deadline, rpcTimeoutMs, MasterServiceGrpc::newBlockingStub, invoke,
        errorOf, readPolicy);
  }

  /** Like {@link #read} but an in-band error becomes the matching GfsException. */
  public <R> R readChecked(String what, Deadline deadline,
      BiFunction<MasterServiceBlockingStub, ReadOptions, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    R response = read(what, deadline, invoke, errorOf);
    ErrorMapping.check(errorOf.apply(response), what);
    return response;
  }

  /** Like {@link #call} but an in-band error becomes the matching GfsException. */
  public <R> R callChecked(String what, Deadline deadline,
      Function<MasterServiceBlockingStub, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    R response = call(what, deadline, invoke, errorOf);
    ErrorMapping.check(errorOf.apply(response), what);
    return response;
  }

  /** Calls MasterAdminService on the leader; an in-band error becomes a GfsException. */
  public <R> R adminChecked(String what, Deadline deadline,
      Function<MasterAdminServiceBlockingStub, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    return adminChecked(what, deadline, rpcTimeoutMs, invoke, errorOf);
  }

  /**
   * Like {@link #adminChecked(String, Deadline, Function, Function)} with a deadline of its
   * own for each call, for work the leader does while the caller waits (a membership change
   * catching a new peer up, a checkpoint): retrying such a call early would only start it again.
   */
  public <R> R adminChecked(String what, Deadline deadline, long callTimeoutMs,
      Function<MasterAdminServiceBlockingStub, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    R response = callLeader(what, deadline, callTimeoutMs, MasterAdminServiceGrpc::newBlockingStub,
        (stub, read) -> invoke.apply(stub), errorOf, StaleReadPolicy.LEADER_ONLY);
    ErrorMapping.check(errorOf.apply(response), what);
    return response;
  }

  private <S extends AbstractStub<S>, R> R callLeader(String what, Deadline deadline,
      long callTimeoutMs, Function<Channel, S> newStub, BiFunction<S, ReadOptions, R> invoke,
      Function<R, Error> errorOf, StaleReadPolicy policy) throws GfsException {
    Backoff backoff = Backoff.standard();
    long startNanos = System.nanoTime();
    int index = leaderIndex;
    int attempts = 0;
    String lastError = null;
    while (!deadline.expired()) {
      if (attempts > 0 && attempts % addresses.size() == 0) {
        // Every master was tried once: an election may be under way, give it a moment.
        backoff.pause(deadline);
        if (deadline.expired()) {
          break;
        }
      }
      boolean stale = policy.allowStale(attempts, addresses.size(), elapsedMs(startNanos),
          recentlyFellBack());
      attempts++;
      String address = addresses.get(index);
      long rpcMs = deadline.rpcTimeoutMs(callTimeoutMs);
      R response;
      try {
        S stub = newStub.apply(channels.get(address))
            .withDeadlineAfter(rpcMs, TimeUnit.MILLISECONDS);
        response = invoke.apply(stub, stale ? STALE_READ : LEADER_READ);
      } catch (StatusRuntimeException e) {
        if (!ErrorMapping.isRetryable(e)) {
          throw new GfsException(GfsException.Kind.INTERNAL,
              "master " + address + " failed " + what + ": " + ErrorMapping.describe(e), e);
        }
        boolean cutShort = rpcMs < callTimeoutMs
            && e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED;
        if (!cutShort || lastError == null) {
          // A call cut short by the operation's own end says less than the failure before it.
          lastError = "master " + address + ": " + ErrorMapping.describe(e);
        }
        LOG.debug("{} failed on {}", what, lastError);
        channels.resetBackoff(address);
        index = next(index);
        continue;
      }
      Error error = errorOf.apply(response);
      if (error.getCode() == ErrorCode.NOT_LEADER || error.getCode() == ErrorCode.NO_LEADER) {
        String hint = error.getLeaderHint();
        lastError = "master " + address + ": " + (error.getCode() == ErrorCode.NOT_LEADER
            ? "not the leader" + (hint.isBlank() ? " (no leader known)" : " (leader is " + hint + ")")
            : "no leader elected");
        int hinted = indexOf(hint);
        index = hinted >= 0 && hinted != index ? hinted : next(index);
        LOG.debug("{}: {}", what, lastError);
        continue;
      }
      if (stale) {
        // Any master may have answered: it says nothing about who leads.
        if (!policy.always()) {
          noteFallback(what, address, startNanos);
        }
        return response;
      }
      if (index != leaderIndex) {
        LOG.debug("master leader is now {}", address);
        leaderIndex = index;
      }
      return response;
    }
    throw new GfsException(GfsException.Kind.UNAVAILABLE,
        "no master reachable at " + String.join(",", addresses) + " (last error: "
            + (lastError == null
                ? what + " timed out after " + deadline.timeoutMs() + " ms"
                : lastError) + ")");
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private boolean recentlyFellBack() {
    return fellBack
        && System.nanoTime() - lastFallbackNanos < TimeUnit.MILLISECONDS.toNanos(RECENT_FALLBACK_MS);
  }

  private void noteFallback(String what, String address, long startNanos) {
    if (!recentlyFellBack()) {
      LOG.warn("no master leader answered for {} ms: {} was answered by master {}, which may"
          + " be behind the leader", elapsedMs(startNanos), what, address);
    }
    lastFallbackNanos = System.nanoTime();
    fellBack = true;
  }

  private int next(int index) {
    return (index + 1) % addresses.size();
  }

  /** The configured master a leader hint names, or -1 (unknown or not configured). */
  int indexOf(String hint) {
    if (hint == null || hint.isBlank()) {
      return -1;
    }
    HostPort hinted;
    try {
      hinted = HostPort.parse(hint);
    } catch (IllegalArgumentException e) {
      LOG.debug("ignoring malformed leader hint '{}'", hint);
      return -1;
    }
    for (int i = 0; i < hostPorts.size(); i++) {
      if (hostPorts.get(i).equals(hinted)) {
        return i;
      }
    }
    LOG.debug("leader hint {} is not among the configured masters {}", hint, addresses);
    return -1;
  }

  @Override
  public void close() {
    channels.close();
  }
}
