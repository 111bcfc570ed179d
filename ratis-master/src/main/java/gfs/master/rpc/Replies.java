package gfs.master.rpc;

import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends exactly one reply on a unary call, turning a bug into a logged INTERNAL status. */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  static <T> void send(StreamObserver<T> observer, T response) {
    observer.onNext(response);
    observer.onCompleted();
  }

  static <T> void fail(StreamObserver<T> observer, String method, Throwable error) {
    LOG.error("{} failed", method, error);
    observer.onError(io.grpc.Status.INTERNAL.withDescription(method + ": " + error)
        .asRuntimeException());
  }
}
