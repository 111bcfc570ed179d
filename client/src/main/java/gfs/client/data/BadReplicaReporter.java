package gfs.client.data;

import gfs.client.GfsException;
import gfs.client.common.Deadline;
import gfs.client.common.Describe;
import gfs.client.common.RequestIds;
import gfs.client.master.MasterClient;
import gfs.proto.ChunkserverInfo;
import gfs.proto.ReportBadReplicaRequest;
import gfs.proto.ReportBadReplicaResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the master that a replica failed verification, so it gets replaced. Best effort. */
public final class BadReplicaReporter {
  private static final Logger LOG = LoggerFactory.getLogger(BadReplicaReporter.class);
  /** A report must not hold a read up for long: the read goes on at another replica. */
  private static final long REPORT_TIMEOUT_MS = 2_000;

  private final MasterClient master;
  private final RequestIds ids;

  public BadReplicaReporter(MasterClient master, RequestIds ids) {
    this.master = master;
    this.ids = ids;
  }

  public void report(long handle, ChunkserverInfo replica, String reason, Deadline deadline) {
    ReportBadReplicaRequest request = ReportBadReplicaRequest.newBuilder().setHandle(handle)
        .setChunkserverId(replica.getId()).setReason(reason).setReporter(ids.clientId()).build();
    String what = "report bad replica of chunk " + Describe.handle(handle) + " on "
        + Describe.server(replica);
    try {
      master.callChecked(what, deadline.sub(REPORT_TIMEOUT_MS),
          stub -> stub.reportBadReplica(request), ReportBadReplicaResponse::getError);
      LOG.info("reported corrupt replica of chunk {} on {}: {}", Describe.handle(handle),
          Describe.server(replica), reason);
    } catch (GfsException e) {
      LOG.warn("could not {}: {}", what, e.getMessage());
    }
  }
}
