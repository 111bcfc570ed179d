package gfs.client.common;

import gfs.proto.RequestHeader;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identities of one client's requests: a random client id, an increasing call id per
 * mutation (the master deduplicates retries of the same header) and unique ids for pushed data.
 */
public final class RequestIds {
  private final String clientId = UUID.randomUUID().toString();
  private final AtomicLong callIds = new AtomicLong();
  private final AtomicLong dataIds = new AtomicLong();

  public String clientId() {
    return clientId;
  }

  /** A header for a new mutation; retries of that mutation must reuse it. */
  public RequestHeader nextHeader() {
    return RequestHeader.newBuilder()
        .setClientId(clientId)
        .setCallId(callIds.incrementAndGet())
        .build();
  }

  /** A data id no other push (of this or any client) uses. */
  public String nextDataId() {
    return clientId + "-" + dataIds.incrementAndGet();
  }
}
