package gfs.rpc;

import gfs.proto.ChunkserverPeerServiceGrpc;
import gfs.proto.ChunkserverServiceGrpc;
import gfs.proto.CopyChunkRequest;
import gfs.proto.CopyChunkResponse;
import gfs.proto.PushDataRequest;
import gfs.proto.PushDataResponse;
import gfs.proto.ReadRequest;
import gfs.proto.ReadResponse;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.Map;

/**
 * The calls that move chunk data, with {@link AliasingMarshaller} on the side that receives
 * the bytes: the chunkserver parses pushed pieces with it; clients parse read answers and
 * chunkservers parse chunk copies with it. Senders are unchanged, so either side may use the
 * plain generated descriptors: the bytes on the wire are the same.
 */
public final class BulkMethods {
  /** Read, as a client calls it. */
  public static final MethodDescriptor<ReadRequest, ReadResponse> READ = ChunkserverServiceGrpc.getReadMethod()
      .toBuilder().setResponseMarshaller(AliasingMarshaller.of(ReadResponse.getDefaultInstance())).build();
  /** CopyChunk, as the chunkserver that clones calls it. */
  public static final MethodDescriptor<CopyChunkRequest, CopyChunkResponse> COPY_CHUNK =
      ChunkserverPeerServiceGrpc.getCopyChunkMethod().toBuilder()
          .setResponseMarshaller(AliasingMarshaller.of(CopyChunkResponse.getDefaultInstance())).build();
  /** PushData, as the chunkserver serves it. */
  private static final MethodDescriptor<PushDataRequest, PushDataResponse> PUSH_DATA_SERVED =
      ChunkserverServiceGrpc.getPushDataMethod().toBuilder()
          .setRequestMarshaller(AliasingMarshaller.of(PushDataRequest.getDefaultInstance())).build();

  private static final Map<String, MethodDescriptor<?, ?>> SERVED = Map.of(
      PUSH_DATA_SERVED.getFullMethodName(), PUSH_DATA_SERVED);

  private BulkMethods() {}

  /** The service with its bulk-receiving methods parsed by {@link AliasingMarshaller}. */
  public static BindableService served(BindableService service) {
    return () -> {
      ServerServiceDefinition definition = service.bindService();
      // By name: a builder given the service descriptor insists on its own method instances.
      ServerServiceDefinition.Builder builder =
          ServerServiceDefinition.builder(definition.getServiceDescriptor().getName());
      for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
        builder.addMethod(replaced(method));
      }
      return builder.build();
    };
  }

  @SuppressWarnings("unchecked")
  private static <Q, R> ServerMethodDefinition<Q, R> replaced(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<?, ?> bulk = SERVED.get(method.getMethodDescriptor().getFullMethodName());
    return bulk == null ? method
        : ServerMethodDefinition.create((MethodDescriptor<Q, R>) bulk, method.getServerCallHandler());
  }
}
