package gfs.client.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.client.GfsException;
import gfs.client.GfsException.Kind;
import gfs.proto.Error;
import gfs.proto.ErrorCode;
import gfs.rpc.Errors;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

  @Test
  void everyWireCodeMapsToAKind() {
    for (ErrorCode code : ErrorCode.values()) {
      if (code != ErrorCode.UNRECOGNIZED) {
        ErrorMapping.kindOf(code); // a missing case would not compile; this guards UNRECOGNIZED
      }
    }
    Map<ErrorCode, Kind> expected = Map.ofEntries(
        Map.entry(ErrorCode.NOT_FOUND, Kind.NOT_FOUND),
        Map.entry(ErrorCode.ALREADY_EXISTS, Kind.ALREADY_EXISTS),
        Map.entry(ErrorCode.NOT_A_DIRECTORY, Kind.NOT_A_DIRECTORY),
        Map.entry(ErrorCode.IS_A_DIRECTORY, Kind.IS_A_DIRECTORY),
        Map.entry(ErrorCode.DIRECTORY_NOT_EMPTY, Kind.DIRECTORY_NOT_EMPTY),
        Map.entry(ErrorCode.INVALID_ARGUMENT, Kind.INVALID_ARGUMENT),
        Map.entry(ErrorCode.OUT_OF_RANGE, Kind.INVALID_ARGUMENT),
        Map.entry(ErrorCode.NO_LEADER, Kind.UNAVAILABLE),
        Map.entry(ErrorCode.NO_CHUNKSERVERS, Kind.NO_CHUNKSERVERS),
        Map.entry(ErrorCode.CHECKSUM_MISMATCH, Kind.CHECKSUM_MISMATCH),
        Map.entry(ErrorCode.RECORD_TOO_LARGE, Kind.RECORD_TOO_LARGE),
        Map.entry(ErrorCode.SECONDARY_FAILED, Kind.WRITE_FAILED),
        Map.entry(ErrorCode.LEASE_EXPIRED, Kind.WRITE_FAILED),
        Map.entry(ErrorCode.DISK_FULL, Kind.DISK_FULL),
        Map.entry(ErrorCode.SAFE_MODE, Kind.SAFE_MODE),
        Map.entry(ErrorCode.PERMISSION_DENIED, Kind.PERMISSION_DENIED),
        Map.entry(ErrorCode.INTERNAL, Kind.INTERNAL));
    expected.forEach((code, kind) -> assertEquals(kind, ErrorMapping.kindOf(code), code.name()));
  }

  @Test
  void exceptionKeepsTheServersMessageNamingThePath() {
    Error error = Errors.of(ErrorCode.NOT_FOUND, "/a/b: no such file or directory");
    GfsException e = ErrorMapping.toException(error, "stat /a/b");
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertEquals("/a/b: no such file or directory", e.getMessage());
  }

  @Test
  void contextStandsInForAMissingMessage() {
    Error error = Error.newBuilder().setCode(ErrorCode.SAFE_MODE).build();
    assertEquals("create /x: SAFE_MODE", ErrorMapping.toException(error, "create /x").getMessage());
  }

  @Test
  void checkPassesSuccessAndThrowsFailure() throws GfsException {
    ErrorMapping.check(Error.getDefaultInstance(), "ok");
    GfsException e = assertThrows(GfsException.class, () -> ErrorMapping.check(
        Errors.of(ErrorCode.DIRECTORY_NOT_EMPTY, "/d is not empty"), "delete /d"));
    assertEquals(Kind.DIRECTORY_NOT_EMPTY, e.kind());
  }

  @Test
  void onlyTransientTransportFailuresAreRetryable() {
    assertTrue(ErrorMapping.isRetryable(Status.UNAVAILABLE.asRuntimeException()));
    assertTrue(ErrorMapping.isRetryable(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    assertTrue(ErrorMapping.isRetryable(Status.UNKNOWN.withDescription("channel closed").asRuntimeException()));
    assertFalse(ErrorMapping.isRetryable(Status.UNIMPLEMENTED.asRuntimeException()));
    assertFalse(ErrorMapping.isRetryable(Status.INTERNAL.asRuntimeException()));
    assertFalse(ErrorMapping.isRetryable(Status.CANCELLED.asRuntimeException()));
    // A master stopping under a call (rolling restart) resets the stream: gRPC's wording.
    assertTrue(ErrorMapping.isRetryable(Status.INTERNAL
        .withDescription("RST_STREAM closed stream. HTTP/2 error code: INTERNAL_ERROR")
        .asRuntimeException()));
    assertTrue(ErrorMapping.isRetryable(Status.CANCELLED
        .withDescription("RST_STREAM closed stream. HTTP/2 error code: CANCEL")
        .asRuntimeException()));
    assertEquals("UNAVAILABLE: io exception", ErrorMapping.describe(
        Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()));
  }
}
