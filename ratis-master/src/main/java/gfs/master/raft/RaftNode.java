package gfs.master.raft;

import gfs.master.config.MasterConfig;
import gfs.proto.RaftRole;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This master's Ratis peer: the Raft server running the state machine, and a Raft client
 * through which the leader submits log entries. Answers who leads, in which term, and how far
 * the log is committed and applied.
 */
public final class RaftNode implements Closeable {
  /** Every gfs master group has this id, derived from a fixed name. */
  public static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("gfs-master".getBytes(StandardCharsets.UTF_8)));

  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private final MasterConfig config;
  private final RaftServer server;
  private final RaftProperties properties;
  private final RaftGroup group;
  /** Administrative calls (leadership, membership, snapshots): blocking, never closed by Ratis. */
  private final RaftClient client;
  /**
   * Log entries go through this one, asynchronously and in order. Ratis closes a client's
   * ordered stream for good once one request runs out of retries, so a failed client is
   * replaced; otherwise every later mutation on this master would fail while it stays leader.
   */
  private final AtomicReference<RaftClient> submitter;

  private RaftNode(MasterConfig config, RaftServer server, RaftProperties properties, RaftGroup group) {
    this.config = config;
    this.server = server;
    this.properties = properties;
    this.group = group;
    this.client = newClient(config, properties, group);
    this.submitter = new AtomicReference<>(newClient(config, properties, group));
  }

  public static RaftNode start(MasterConfig config, StateMachine stateMachine) throws IOException {
    RaftProperties properties = properties(config);
    List<RaftPeer> peers = new ArrayList<>();
    config.peers().forEach(p -> peers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress())
        .setStartupRole(RaftPeerRole.FOLLOWER).build()));
    // Shadows are Raft listeners: they receive and apply the log but never vote or lead.
    config.shadows().forEach(p -> peers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress())
        .setStartupRole(RaftPeerRole.LISTENER).build()));
    RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers);
    RaftServer server = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(config.id()))
        .setGroup(group)
        .setProperties(properties)
        .setStateMachine(stateMachine)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    server.start();
    return new RaftNode(config, server, properties, group);
  }

  private static RaftClient newClient(MasterConfig config, RaftProperties properties, RaftGroup group) {
    return RaftClient.newBuilder()
        .setProperties(properties)
        .setRaftGroup(group)
        .setLeaderId(RaftPeerId.valueOf(config.id()))
        // The master's own deadline bounds each submit; Ratis should not retry forever.
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
            3, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
        .build();
  }

  private static RaftProperties properties(MasterConfig config) {
    RaftProperties properties = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(properties,
        List.of(config.dataDir().resolve("raft").toFile()));
    GrpcConfigKeys.Server.setHost(properties, config.host());
    GrpcConfigKeys.Server.setPort(properties, config.raftPort());
    RaftServerConfigKeys.Rpc.setTimeoutMin(properties,
        TimeDuration.valueOf(config.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(properties,
        TimeDuration.valueOf(config.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
    // STACK.md: on 2 cores the follower's compose path spawns a thread per task.
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(properties, false);
    RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(config.raftSegmentBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(properties,
        SizeInBytes.valueOf(Math.min(4L << 20, config.raftSegmentBytes())));
    RaftServerConfigKeys.Log.setWriteBufferSize(properties, SizeInBytes.valueOf("9MB"));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, SizeInBytes.valueOf("8MB"));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, config.checkpointIntervalEntries());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
    return properties;
  }

  /** Submits one log entry through the leader; completes with the state machine's reply. */
  public CompletableFuture<byte[]> submit(byte[] entry) {
    Message message = Message.valueOf(ByteString.copyFrom(entry));
    RaftClient current = submitter.get();
    return current.async().send(message).handle((reply, error) -> {
      if (error == null) {
        return CompletableFuture.completedFuture(reply);
      }
      if (!closesClient(error)) {
        return CompletableFuture.<RaftClientReply>failedFuture(error);
      }
      RaftClient fresh = renewSubmitter(current, error);
      // Refused by a closed client: never sent, so sending it again cannot apply it twice. One
      // that ran out of retries may have been committed: it fails, and its caller retries.
      return causedBy(error, AlreadyClosedException.class) ? fresh.async().send(message)
          : CompletableFuture.<RaftClientReply>failedFuture(error);
    }).thenCompose(reply -> reply).thenApply(RaftNode::replyBytes);
  }

  /** The client that submits log entries now (a failed one is replaced). */
  public RaftClient submitClient() {
    return submitter.get();
  }

  private static boolean closesClient(Throwable error) {
    return causedBy(error, AlreadyClosedException.class) || causedBy(error, RaftRetryFailureException.class);
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** Replaces failed as the submitter (once, however many submits saw it fail); returns the new one. */
  private synchronized RaftClient renewSubmitter(RaftClient failed, Throwable error) {
    RaftClient current = submitter.get();
    if (current != failed) {
      return current;
    }
    RaftClient fresh = newClient(config, properties, group);
    submitter.set(fresh);
    LOG.warn("master {}: Raft client for log entries failed ({}): replaced by a new one", config.id(),
        describeFailure(error));
    try {
      failed.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the failed Raft client: {}", e.toString());
    }
    return fresh;
  }

  /**
   * A Ratis failure as one short line for a client: Ratis's own messages can carry the whole
   * request, log entry bytes included, which would reach a user's terminal.
   */
  public static String describeFailure(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && (cause instanceof CompletionException
        || cause instanceof IllegalStateException)) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    for (String tail : new String[] {"Message:", ", cause="}) {
      int cut = message.indexOf(tail);
      if (cut >= 0) {
        message = message.substring(0, cut);
      }
    }
    message = message.replaceAll("[^\\x20-\\x7e]", "?");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return cause.getClass().getSimpleName() + ": " + message;
  }

  private static byte[] replyBytes(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      Exception cause = reply.getException();
      throw new IllegalStateException("log entry not committed: "
          + (cause == null ? "unknown reason" : describeFailure(cause)), cause);
    }
    return reply.getMessage().getContent().toByteArray();
  }

  private DivisionInfo info() {
    try {
      return server.getDivision(GROUP_ID).getInfo();
    } catch (IOException e) {
      throw new IllegalStateException("Raft group not started on " + config.id(), e);
    }
  }

  /** Leader and done applying the entries of earlier terms: safe to serve and to decide. */
  public boolean isReadyLeader() {
    DivisionInfo info = info();
    return info.isLeader() && info.isLeaderReady();
  }

  public boolean isLeader() {
    return info().isLeader();
  }

  /** Id of the current leader as this peer knows it, or empty. */
  public String leaderId() {
    RaftPeerId leader = info().getLeaderId();
    return leader == null ? "" : leader.toString();
  }

  /** Gives up leadership (another peer, or this one in a new term, is elected). */
  public void stepDown() {
    try {
      client.admin().transferLeadership(null, 3_000);
    } catch (IOException e) {
      throw new IllegalStateException("step down failed: " + e.getMessage(), e);
    }
  }

  /** Match indices of the followers (on the leader; empty elsewhere). */
  public long[] followerMatchIndices() {
    long[] match = info().getFollowerMatchIndices();
    return match == null ? new long[0] : match;
  }

  public long term() {
    return info().getCurrentTerm();
  }

  public long appliedIndex() {
    return info().getLastAppliedIndex();
  }

  public long commitIndex() {
    try {
      return server.getDivision(GROUP_ID).getRaftLog().getLastCommittedIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  public RaftRole role() {
    return switch (info().getCurrentRole()) {
      case LEADER -> RaftRole.LEADER;
      case FOLLOWER -> RaftRole.FOLLOWER;
      case CANDIDATE -> RaftRole.CANDIDATE;
      case LISTENER -> RaftRole.LISTENER;
      default -> RaftRole.UNKNOWN_ROLE;
    };
  }

  public RaftGroup group() {
    return group;
  }

  /** The Raft client of this peer, for administrative calls (leadership, membership, snapshots). */
  public RaftClient client() {
    return client;
  }

  public RaftServer server() {
    return server;
  }

  @Override
  public void close() throws IOException {
    try {
      client.close();
      submitter.get().close();
    } finally {
      server.close();
    }
  }
}
