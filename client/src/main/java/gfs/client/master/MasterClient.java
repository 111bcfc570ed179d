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
import gfs.rpc.HostPort;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the master leader, finding it on its own: sends to the master believed to lead,
 * follows NOT_LEADER hints, moves to the next master when one is down or slow, pauses a
 * little after each full round, and gives up when the operation's deadline is reached.
 * Thread-safe.
 */
public final class MasterClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterClient.class);

  private final List<String> addresses;
  private final List<HostPort> hostPorts;
  private final long rpcTimeoutMs;
  private final ChannelPool channels = new ChannelPool("master");
  private volatile int leaderIndex;

  public MasterClient(ClientConfig config) {
    this.addresses = List.copyOf(config.masters());
    List<HostPort> parsed = new ArrayList<>();
    for (String address : addresses) {
      parsed.add(HostPort.parse(address));
    }
    this.hostPorts = List.copyOf(parsed);
    this.rpcTimeoutMs = config.rpcTimeoutMs();
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
    return callLeader(what, deadline, MasterServiceGrpc::newBlockingStub, invoke, errorOf);
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
    R response = callLeader(what, deadline, MasterAdminServiceGrpc::newBlockingStub, invoke,
        errorOf);
    ErrorMapping.check(errorOf.apply(response), what);
    return response;
  }

  private <S extends AbstractStub<S>, R> R callLeader(String what, Deadline deadline,
      Function<Channel, S> newStub, Function<S, R> invoke, Function<R, Error> errorOf)
      throws GfsException {
    Backoff backoff = Backoff.standard();
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
      attempts++;
      String address = addresses.get(index);
      long rpcMs = deadline.rpcTimeoutMs(rpcTimeoutMs);
      R response;
      try {
        S stub = newStub.apply(channels.get(address))
            .withDeadlineAfter(rpcMs, TimeUnit.MILLISECONDS);
        response = invoke.apply(stub);
      } catch (StatusRuntimeException e) {
        if (!ErrorMapping.isRetryable(e)) {
          throw new GfsException(GfsException.Kind.INTERNAL,
              "master " + address + " failed " + what + ": " + ErrorMapping.describe(e), e);
        }
        boolean cutShort = rpcMs < rpcTimeoutMs
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
