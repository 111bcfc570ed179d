package gfs.master.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.junit.jupiter.api.Test;

class RaftNodeTest {
  @Test
  void aRatisFailureReachesTheClientAsOneShortLineWithoutTheRequestBytes() {
    // As RaftRetryFailureException words it: the request, message content included.
    RaftException ratis = new RaftException(
        "Failed RaftClientRequest:client-1->master-2@group-1, cid=7, seq=0, RW, Message:\u0008\u0001\u0012raw"
            + " bytes\n of the entry for 10 attempts");
    assertEquals("RaftException: Failed RaftClientRequest:client-1->master-2@group-1, cid=7, seq=0, RW, ",
        RaftNode.describeFailure(new CompletionException(new IllegalStateException("log entry not committed", ratis))));
  }
}
