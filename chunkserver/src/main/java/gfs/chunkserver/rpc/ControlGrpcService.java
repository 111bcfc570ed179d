package gfs.chunkserver.rpc;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.mutation.LeaseGrants;
import gfs.proto.ChunkserverControlServiceGrpc;
import gfs.proto.GrantLeaseResponse;
import gfs.proto.LeaseGrant;
import gfs.proto.RevokeLeaseRequest;
import gfs.proto.RevokeLeaseResponse;
import io.grpc.stub.StreamObserver;

/** The master leader's calls: new versions and leases, lease revocation. */
public final class ControlGrpcService extends ChunkserverControlServiceGrpc.ChunkserverControlServiceImplBase {
  private final String serverId;
  private final LeaseGrants grants;

  public ControlGrpcService(String serverId, LeaseGrants grants) {
    this.serverId = serverId;
    this.grants = grants;
  }

  @Override
  public void grantLease(LeaseGrant request, StreamObserver<GrantLeaseResponse> observer) {
    Unary.answer(observer, serverId, "lease grant on " + chunk(request.getHandle()),
        () -> grants.grant(request), error -> GrantLeaseResponse.newBuilder().setError(error).build());
  }

  @Override
  public void revokeLease(RevokeLeaseRequest request, StreamObserver<RevokeLeaseResponse> observer) {
    Unary.answer(observer, serverId, "lease revocation on " + chunk(request.getHandle()), () -> {
      grants.revoke(request.getHandle());
      return RevokeLeaseResponse.getDefaultInstance();
    }, error -> RevokeLeaseResponse.newBuilder().setError(error).build());
  }
}
