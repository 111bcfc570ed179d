package gfs.master.admin;

import gfs.master.raft.RaftNode;
import gfs.proto.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out leadership and membership changes on this master's Ratis peer, and reads what
 * the leader knows of the other peers. Every call is bounded: Ratis's client gives up after
 * its own request timeout and retries (see RaftNode), transfers after transferTimeoutMs.
 */
public final class RaftAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(RaftAdmin.class);

  private final RaftNode raft;
  private final String selfId;
  private final long transferTimeoutMs;

  public RaftAdmin(RaftNode raft, String selfId, long transferTimeoutMs) {
    this.raft = raft;
    this.selfId = selfId;
    this.transferTimeoutMs = transferTimeoutMs;
  }

  /** The group's configuration as Ratis has it, with the RaftPeer of every member. */
  public record Snapshot(GroupConf conf, Map<String, RaftPeer> peers) {}

  /** The current configuration; refused while a change is still being committed. */
  public Snapshot snapshot() throws AdminRefusal {
    RaftConfiguration conf = division().getRaftConf();
    if (!conf.getPreviousPeers().isEmpty()) {
      throw new AdminRefusal(ErrorCode.UNAVAILABLE, "a membership change of the master group is"
          + " still in progress (log index " + conf.getLogEntryIndex() + "); try again shortly");
    }
    Map<String, RaftPeer> peers = new LinkedHashMap<>();
    List<Member> voters = members(conf.getCurrentPeers(RaftPeerRole.FOLLOWER), false, peers);
    List<Member> listeners = members(conf.getCurrentPeers(RaftPeerRole.LISTENER), true, peers);
    return new Snapshot(new GroupConf(voters, listeners), peers);
  }

  private static List<Member> members(Collection<RaftPeer> raftPeers, boolean listener,
      Map<String, RaftPeer> byId) {
    List<Member> members = new ArrayList<>();
    for (RaftPeer peer : raftPeers) {
      members.add(new Member(peer.getId().toString(), peer.getAddress(), listener));
      byId.put(peer.getId().toString(), peer);
    }
    return members;
  }

  /** Hands leadership to target; returns once it leads, or fails naming both peers. */
  public void transferLeadership(String targetId) throws AdminRefusal {
    String what = "transfer of leadership from " + selfId + " to " + targetId;
    RaftClientReply reply;
    try {
      reply = raft.client().admin().transferLeadership(RaftPeerId.valueOf(targetId), transferTimeoutMs);
    } catch (IOException e) {
      throw new AdminRefusal(ErrorCode.UNAVAILABLE, what + " failed: " + describe(e), e);
    }
    if (!reply.isSuccess()) {
      // An election of its own (a busy machine, a slow peer) may have raced the transfer: the
      // target leading is what was asked; another leader should be asked again by the caller.
      String leader = raft.leaderId();
      if (targetId.equals(leader)) {
        LOG.info("{}: {} leads after an election that raced the transfer", what, targetId);
        return;
      }
      if (!selfId.equals(leader)) {
        throw new AdminRefusal(ErrorCode.NO_LEADER, what + " was overtaken by an election (leader now "
            + (leader.isEmpty() ? "unknown" : leader) + "): " + describe(reply.getException()));
      }
      throw new AdminRefusal(ErrorCode.UNAVAILABLE, what + " failed: " + describe(reply.getException()));
    }
    LOG.info("leadership transferred from {} to {}", selfId, targetId);
  }

  /**
   * Replaces the configuration current (as read by {@link #snapshot()}) with target; Ratis
   * refuses if the configuration changed meanwhile. New peers must be running: Ratis brings
   * them up to date before the change commits. When the call fails, the configuration is
   * read again: a change that committed after all (a retried or slow call) is a success.
   */
  public void setConfiguration(Snapshot current, GroupConf target, String what) throws AdminRefusal {
    SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
        .setServersInCurrentConf(raftPeers(current.conf().voters(), current.peers()))
        .setListenersInCurrentConf(raftPeers(current.conf().listeners(), current.peers()))
        .setServersInNewConf(raftPeers(target.voters(), current.peers()))
        .setListenersInNewConf(raftPeers(target.listeners(), current.peers()))
        .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
        .build();
    String failure;
    try {
      RaftClientReply reply = raft.client().admin().setConfiguration(arguments);
      if (reply.isSuccess()) {
        LOG.info("{}: master group is now {}", what, target.names());
        return;
      }
      failure = describe(reply.getException());
    } catch (IOException e) {
      failure = describe(e);
    }
    GroupConf now = division().getRaftConf().getPreviousPeers().isEmpty() ? snapshot().conf() : null;
    if (target.equals(now)) {
      LOG.info("{}: master group is now {} (the change committed despite: {})", what,
          target.names(), failure);
      return;
    }
    throw new AdminRefusal(ErrorCode.UNAVAILABLE, what + " failed: " + failure);
  }

  /** The RaftPeers of these members: the group's own for existing members, new ones otherwise. */
  private static List<RaftPeer> raftPeers(List<Member> members, Map<String, RaftPeer> existing) {
    List<RaftPeer> peers = new ArrayList<>();
    for (Member member : members) {
      RaftPeer known = existing.get(member.id());
      peers.add(known != null ? known : RaftPeer.newBuilder()
          .setId(member.id())
          .setAddress(member.raftAddress())
          .setStartupRole(member.listener() ? RaftPeerRole.LISTENER : RaftPeerRole.FOLLOWER)
          .build());
    }
    return peers;
  }

  /**
   * What the leader knows of every other peer; empty when this peer is not the leader (or
   * its follower list changed while it was read).
   */
  public Optional<List<ReplicationProgress.Follower>> followers() {
    RaftServer.Division division = division();
    DivisionInfo info = division.getInfo();
    if (!info.isLeader()) {
      return Optional.empty();
    }
    RoleInfoProto role = info.getRoleInfoProto();
    long[] matchIndices = info.getFollowerMatchIndices();
    List<ServerRpcProto> rpcs = role.getLeaderInfo().getFollowerInfoList();
    if (matchIndices.length != rpcs.size()) {
      // Both lists come from the leader's appenders in one order; a length mismatch means
      // the membership changed between the two reads.
      return Optional.empty();
    }
    RaftConfiguration conf = division.getRaftConf();
    List<ReplicationProgress.Follower> followers = new ArrayList<>(rpcs.size());
    for (int i = 0; i < rpcs.size(); i++) {
      RaftPeerProto peer = rpcs.get(i).getId();
      RaftPeerId id = RaftPeerId.valueOf(peer.getId());
      boolean listener = conf.getPeer(id, RaftPeerRole.LISTENER) != null;
      followers.add(new ReplicationProgress.Follower(id.toString(), peer.getAddress(), listener,
          matchIndices[i], rpcs.get(i).getLastRpcElapsedTimeMs()));
    }
    return Optional.of(followers);
  }

  /** The other members of the group in this peer's current configuration (voters, then listeners). */
  public List<Member> otherMembers() {
    RaftConfiguration conf = division().getRaftConf();
    List<Member> members = new ArrayList<>();
    for (RaftPeerRole role : new RaftPeerRole[] {RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER}) {
      for (RaftPeer peer : conf.getCurrentPeers(role)) {
        if (!peer.getId().toString().equals(selfId)) {
          members.add(new Member(peer.getId().toString(), peer.getAddress(), role == RaftPeerRole.LISTENER));
        }
      }
    }
    return members;
  }

  /** Index of the last entry in this peer's log (-1 when empty). */
  public long lastLogIndex() {
    return division().getRaftLog().getNextIndex() - 1;
  }

  private RaftServer.Division division() {
    try {
      return raft.server().getDivision(RaftNode.GROUP_ID);
    } catch (IOException e) {
      throw new IllegalStateException("Raft group not started on " + selfId, e);
    }
  }

  /** Bound on the part of a Raft failure quoted in an answer (Ratis messages list whole configurations). */
  static final int MAX_CAUSE_CHARS = 300;

  /** One line for an operator: what Ratis's failure means, not its whole request. */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "no reason given by Raft";
    }
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof ReconfigurationTimeoutException) {
        return "the new member made no progress catching up with the log (is it running and"
            + " reachable at its raft address? a removed master must be restarted with emptied"
            + " data before it is added again)";
      }
      if (t instanceof ReconfigurationInProgressException) {
        return "another membership change is in progress; try again shortly";
      }
    }
    String text = root.getClass().getSimpleName() + ": " + root.getMessage();
    text = text.replace('\n', ' ');
    return text.length() <= MAX_CAUSE_CHARS ? text : text.substring(0, MAX_CAUSE_CHARS) + "...";
  }
}
