package gfs.client.master;

import gfs.client.ClusterView;
import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.client.common.ErrorMapping;
import gfs.client.common.UnaryFuture;
import gfs.proto.ClusterStatusRequest;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.MasterAdminServiceGrpc;
import gfs.proto.ReadOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every master for its status at once and merges the answers. */
public final class ClusterStatusCollector {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterStatusCollector.class);

  private final MasterClient master;
  /** Master ids by configured address, to name a master that stopped answering. */
  private final Map<String, String> knownIds = new ConcurrentHashMap<>();

  public ClusterStatusCollector(MasterClient master) {
    this.master = master;
  }

  public ClusterView collect(Deadline deadline) throws GfsException {
    // Followers and shadows answer for themselves: each is asked, not only the leader.
    ClusterStatusRequest request = ClusterStatusRequest.newBuilder()
        .setRead(ReadOptions.newBuilder().setAllowStale(true)).build();
    long rpcMs = deadline.rpcTimeoutMs(master.rpcTimeoutMs());
    Map<String, CompletableFuture<ClusterStatusResponse>> calls = new LinkedHashMap<>();
    for (String address : master.addresses()) {
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
    Map<String, ClusterStatusResponse> answers = new LinkedHashMap<>();
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
    if (answers.isEmpty()) {
      throw new GfsException(GfsException.Kind.UNAVAILABLE, "no master reachable at "
          + String.join(",", master.addresses()) + " (last error: " + lastError + ")");
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

  private static String describe(Throwable failure) {
    if (failure instanceof StatusRuntimeException e) {
      return ErrorMapping.describe(e);
    }
    return failure.toString();
  }
}
