package gfs.master.admin;

import gfs.master.namespace.Namespace;
import gfs.master.namespace.Switches;
import gfs.master.raft.Proposer;
import gfs.master.store.MasterStore;
import gfs.proto.BalancerOp;
import gfs.proto.ErrorCode;
import gfs.proto.Operation;
import gfs.proto.OperationResult;
import gfs.proto.SafeModeOp;
import gfs.rpc.Errors;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the administrators' switches (safe mode, the balancer) on and off through the log, so
 * every master holds the same setting and a new leader keeps it. A switch already in the asked
 * position is left alone (nothing is logged).
 */
public final class Switchboard {
  private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

  private final MasterStore store;
  private final Namespace namespace;
  private final Proposer proposer;
  private final long commitTimeoutMs;

  public Switchboard(MasterStore store, Namespace namespace, Proposer proposer, long commitTimeoutMs) {
    this.store = store;
    this.namespace = namespace;
    this.proposer = proposer;
    this.commitTimeoutMs = commitTimeoutMs;
  }

  public Switches.State safeMode() {
    return read(namespace::safeMode);
  }

  public Switches.State balancer() {
    return read(namespace::balancer);
  }

  /** Enters or leaves safe mode; returns the setting once committed. */
  public Switches.State setSafeMode(boolean on) throws AdminRefusal {
    if (safeMode().on() != on) {
      propose(Operation.newBuilder().setSafeMode(SafeModeOp.newBuilder().setOn(on)),
          on ? "enter safe mode" : "leave safe mode");
      LOG.info(on ? "safe mode entered: namespace changes, writes, re-replication and collection stop"
          : "safe mode left");
    }
    return safeMode();
  }

  /** Turns rebalancing on or off; returns the setting once committed. */
  public Switches.State setBalancer(boolean on) throws AdminRefusal {
    if (balancer().on() != on) {
      propose(Operation.newBuilder().setBalancer(BalancerOp.newBuilder().setOn(on)),
          on ? "start the balancer" : "stop the balancer");
      LOG.info("balancer {}", on ? "started" : "stopped");
    }
    return balancer();
  }

  private void propose(Operation.Builder op, String what) throws AdminRefusal {
    try {
      OperationResult result = proposer.propose(op.setTimestampMs(System.currentTimeMillis()).build())
          .get(commitTimeoutMs, TimeUnit.MILLISECONDS);
      if (!Errors.ok(result.getError())) {
        throw new AdminRefusal(result.getError().getCode(), what + ": " + result.getError().getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminRefusal(ErrorCode.UNAVAILABLE, what + " interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new AdminRefusal(ErrorCode.UNAVAILABLE, what + ": not committed within " + commitTimeoutMs + " ms", e);
    }
  }

  private Switches.State read(Function<Txn<ByteBuffer>, Switches.State> reader) {
    try (Txn<ByteBuffer> txn = store.readTxn()) {
      return reader.apply(txn);
    }
  }
}
