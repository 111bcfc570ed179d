package gfs.metrics;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every call a server answers: gfs_rpc_server_seconds{method, outcome}, a histogram,
 * where outcome is OK, the gRPC status code of a failed call, or the gfs error code of a
 * refused one (gfs answers refusals in the response's error field with status OK, so the
 * status alone would count a NOT_LEADER or a checksum error as a success).
 */
public final class RpcMetrics implements ServerInterceptor {
  private final MeterRegistry registry;
  private final RpcLog log;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  RpcMetrics(MeterRegistry registry, RpcLog log) {
    this.registry = registry;
    this.log = log;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    ServerCall<Q, R> timed = new SimpleForwardingServerCall<>(call) {
      private volatile String refusal;

      @Override
      public void sendMessage(R message) {
        String code = refusalOf(message);
        if (code != null) {
          refusal = code;
        }
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        String outcome = status.isOk() ? (refusal == null ? "OK" : refusal) : status.getCode().name();
        long nanos = System.nanoTime() - start;
        timer(method, outcome).record(nanos, TimeUnit.NANOSECONDS);
        log.record(method, peer == null ? "?" : peer.toString(), nanos, outcome);
        super.close(status, trailers);
      }
    };
    return next.startCall(timed, headers);
  }

  private Timer timer(String method, String outcome) {
    return timers.computeIfAbsent(method + " " + outcome, key -> Timer.builder("gfs.rpc.server")
        .description("Calls answered by this server, by method and outcome")
        .tag("method", method)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry));
  }

  /** The gfs error code a response carries in its error field, or null for none or OK. */
  static String refusalOf(Object message) {
    if (!(message instanceof Message proto)) {
      return null;
    }
    FieldDescriptor field = proto.getDescriptorForType().findFieldByName("error");
    if (field == null || field.getType() != FieldDescriptor.Type.MESSAGE
        || field.getMessageType() != Error.getDescriptor() || !proto.hasField(field)) {
      return null;
    }
    ErrorCode code = ((Error) proto.getField(field)).getCode();
    return code == ErrorCode.OK ? null : code.name();
  }
}
