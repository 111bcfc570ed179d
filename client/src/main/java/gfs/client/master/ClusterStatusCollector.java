package gfs.client.master;

import gfs.client.ClusterView;
import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.client.common.ErrorMapping;
import gfs.client.common.UnaryFuture;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.MasterStatus;
import gfs.proto.ReadOptions;
import gfs.rpc.HostPort;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every master for its status at once and merges the answers. Peers the leader names
 * that the client was not configured with (a shadow or master added later) are asked too,
 * in a second round, so each describes itself.
 */
public final class ClusterStatusCollector {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterStatusCollector.class);

  private final MasterClient master;
  /** Master ids by configured address, to name a master that stopped answering. */
  private final Map<String, String> knownIds = new ConcurrentHashMap<>();

  public ClusterStatusCollector(MasterClient master) {
    this.master = master;
  }

  public ClusterView collect(Deadline deadline) throws GfsException {
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
    String lastError = ask(master.addresses(), deadline, answers);
    if (answers.isEmpty()) {
      throw new GfsException(GfsException.Kind.UNAVAILABLE, "no master reachable at "
          + String.join(",", master.addresses()) + " (last error: " + lastError + ")");
    }
    List<String> discovered = discovered(master.addresses(), answers);
    if (!discovered.isEmpty() && !deadline.expired()) {
      ask(discovered, deadline, answers);
    }
    ClusterView view = ClusterViewMerger.merge(master.addresses(), answers, knownIds);
    for (ClusterView.Master m : view.masters()) {
      if (master.addresses().contains(m.address()) && !m.role().equals(ClusterView.UNREACHABLE)
          && !m.id().equals("?")) {
        knownIds.put(m.address(), m.id());
      }
    }
    return view;
  }

  /** Asks each address at once; puts the answers in; returns the last failure, or null. */
  private String ask(List<String> addresses, Deadline deadline,
      Map<String, ClusterStatusResponse> answers) throws GfsException {
    // Followers and shadows answer for themselves: each is asked, not only the leader.
    ClusterStatusRequest request = ClusterStatusRequest.newBuilder()
        .setRead(ReadOptions.newBuilder().setAllowStale(true)).build();
    long rpcMs = deadline.rpcTimeoutMs(master.rpcTimeoutMs());
    Map<String, CompletableFuture<ClusterStatusResponse>> calls = new LinkedHashMap<>();
    for (String address : addresses) {
      UnaryFuture<ClusterStatusResponse> answer = new UnaryFuture<>();
      try {
        MasterAdminServiceGrpc.newStub(master.channel(address))
            .withDeadlineAfter(rpcMs, TimeUnit.MILLISECONDS)
            .clusterStatus(request, answer);
      } catch (StatusRuntimeException e) {
        answer.onError(e);
      }
      calls.put(address, answer.future());
    }
    String lastError = null;
    for (Map.Entry<String, CompletableFuture<ClusterStatusResponse>> call : calls.entrySet()) {
      String address = call.getKey();
      try {
        // The gRPC deadline ends each call; the extra moment only covers delivery.
        answers.put(address, call.getValue().get(rpcMs + 1_000, TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        lastError = "master " + address + ": " + describe(cause);
        LOG.debug("cluster status: {}", lastError);
        if (Status.fromThrowable(cause).getCode() == Status.Code.UNAVAILABLE) {
          master.resetBackoff(address);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GfsException(GfsException.Kind.UNAVAILABLE,
            "interrupted while asking the masters for cluster status", e);
      }
    }
    return lastError;
  }

  /** Service addresses (host:port) of peers the answers name that are not among the asked ones. */
  static List<String> discovered(List<String> asked, Map<String, ClusterStatusResponse> answers) {
    Set<HostPort> known = new HashSet<>();
    for (String address : asked) {
      known.add(HostPort.parse(address));
    }
    List<String> found = new ArrayList<>();
    for (ClusterStatusResponse answer : answers.values()) {
      for (MasterStatus peer : answer.getPeersList()) {
        try {
          HostPort address = HostPort.parse(peer.getAddress());
          if (known.add(address)) {
            found.add(address.toString());
          }
        } catch (IllegalArgumentException e) {
          LOG.debug("master {} has no usable service address '{}'", peer.getId(), peer.getAddress());
        }
      }
    }
    return found;
  }

  private static String describe(Throwable failure) {
    if (failure instanceof StatusRuntimeException e) {
      return ErrorMapping.describe(e);
    }
    return failure.toString();
  }
}
