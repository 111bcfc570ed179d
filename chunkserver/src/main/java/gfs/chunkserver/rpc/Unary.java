package gfs.chunkserver.rpc;

import gfs.chunkserver.ChunkserverException;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.rpc.Errors;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the body of a unary call and answers: its response, or the in-band error of a
 * {@link ChunkserverException}, or INTERNAL (logged with its stack) for a bug.
 */
final class Unary {
  private static final Logger LOG = LoggerFactory.getLogger(Unary.class);

  interface Body<T> {
    T run() throws ChunkserverException;
  }

  private Unary() {}

  static <T> void answer(StreamObserver<T> observer, String serverId, String what, Body<T> body,
      Function<Error, T> errorResponse) {
    T response;
    try {
      response = body.run();
    } catch (ChunkserverException e) {
      LOG.debug("{}: {} refused: {} {}", serverId, what, e.code(), e.getMessage());
      response = errorResponse.apply(e.toError());
    } catch (RuntimeException e) {
      LOG.error("{}: {} failed", serverId, what, e);
      response = errorResponse.apply(Errors.of(ErrorCode.INTERNAL, serverId + ": " + what + " failed: " + e));
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
