package gfs.client.common;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** The single answer of an asynchronous unary call, as a CompletableFuture. */
public final class UnaryFuture<T> implements StreamObserver<T> {
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private T value;

  public CompletableFuture<T> future() {
    return future;
  }

  @Override
  public void onNext(T next) {
    value = next;
  }

  @Override
  public void onError(Throwable t) {
    future.completeExceptionally(t);
  }

  @Override
  public void onCompleted() {
    if (value == null) {
      future.completeExceptionally(new IllegalStateException("call completed without an answer"));
    } else {
      future.complete(value);
    }
  }
}
