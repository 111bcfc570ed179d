package gfs.rpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;

/**
 * A protobuf marshaller for messages that carry bulk bytes (pushed pieces, read answers,
 * chunk copies). gRPC's own parser reads a message into a reused buffer and then copies every
 * {@code bytes} field out of it again. This one reads each message once into an array of its
 * own and lets the {@code bytes} fields alias that array: one copy from the socket's buffers
 * instead of two, and no aliasing of memory gRPC reuses. Serialising is gRPC's own.
 */
public final class AliasingMarshaller<T extends Message> implements MethodDescriptor.Marshaller<T> {
  private final MethodDescriptor.Marshaller<T> standard;
  private final Parser<T> parser;

  private AliasingMarshaller(T defaultInstance) {
    this.standard = ProtoUtils.marshaller(defaultInstance);
    @SuppressWarnings("unchecked")
    Parser<T> typed = (Parser<T>) defaultInstance.getParserForType();
    this.parser = typed;
  }

  public static <T extends Message> AliasingMarshaller<T> of(T defaultInstance) {
    return new AliasingMarshaller<>(defaultInstance);
  }

  @Override
  public InputStream stream(T value) {
    return standard.stream(value);
  }

  @Override
  public T parse(InputStream stream) {
    if (!(stream instanceof KnownLength)) {
      return standard.parse(stream);
    }
    try {
      byte[] message = readAll(stream, stream.available());
      CodedInputStream input = CodedInputStream.newInstance(message);
      input.enableAliasing(true);  // safe: nothing else holds or reuses this array
      input.setSizeLimit(Integer.MAX_VALUE);  // gRPC already bounds the message size
      T parsed = parser.parseFrom(input, ExtensionRegistryLite.getEmptyRegistry());
      input.checkLastTagWas(0);
      return parsed;
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL.withDescription("invalid protobuf message").withCause(e).asRuntimeException();
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("could not read a message: " + e.getMessage()).withCause(e)
          .asRuntimeException();
    }
  }

  private static byte[] readAll(InputStream stream, int size) throws IOException {
    byte[] message = new byte[size];
    int at = 0;
    while (at < size) {
      int n = stream.read(message, at, size - at);
      if (n < 0) {
        throw new IOException("message ended after " + at + " of " + size + " bytes");
      }
      at += n;
    }
    if (stream.read() != -1) {
      throw new IOException("message longer than its stated " + size + " bytes");
    }
    return message;
  }
}
