package gfs.master.admin;

import gfs.master.config.MasterConfig;
import gfs.proto.MasterStatus;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership and membership of the master group, carried out by its leader: decisions by
 * {@link Membership}, changes through Raft by {@link RaftAdmin}. Concurrent requests need no
 * lock: Ratis applies a configuration only if it still matches the one read (compare and
 * set) and refuses a change while another is in flight.
 */
public final class GroupAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(GroupAdmin.class);

  private final String selfId;
  private final RaftAdmin raft;
  private final PeerDirectory directory;

  public GroupAdmin(MasterConfig config, RaftAdmin raft) {
    this.selfId = config.id();
    this.raft = raft;
    this.directory = new PeerDirectory(config);
  }

  /** Hands leadership to the voter targetId; nothing to do when this master is it. */
  public void transferLeader(String targetId) throws AdminRefusal {
    if (Membership.transferNeeded(raft.snapshot().conf(), targetId, selfId)) {
      LOG.info("transferring leadership from {} to {}", selfId, targetId);
      raft.transferLeadership(targetId);
    }
  }

  /**
   * Adds a running master as a voter or a listener (read-only shadow); Raft brings it up to
   * date before the change commits. Adding the same member again is a success.
   */
  public void addMaster(String id, String raftAddress, String serviceAddress, boolean listener)
      throws AdminRefusal {
    String what = "add " + (listener ? "shadow " : "master ") + id;
    Membership.parseServiceAddress(serviceAddress, id);
    RaftAdmin.Snapshot current = raft.snapshot();
    Optional<GroupConf> target = Membership.add(current.conf(), new Member(id, raftAddress, listener));
    directory.learn(id, serviceAddress.trim());
    if (target.isEmpty()) {
      LOG.info("{}: already a member at raft {}", what, raftAddress);
      return;
    }
    LOG.info("{} at raft {}, service {}", what, raftAddress, serviceAddress);
    raft.setConfiguration(current, target.get(), what);
  }

  /** Removes a follower or shadow; its process should be stopped afterwards. */
  public void removeMaster(String id) throws AdminRefusal {
    RaftAdmin.Snapshot current = raft.snapshot();
    GroupConf target = Membership.remove(current.conf(), id, selfId);
    String what = "remove " + current.conf().find(id).map(Member::describe).orElse(id);
    LOG.info(what);
    raft.setConfiguration(current, target, what);
  }

  /**
   * Every other member of the group: on the leader with its lag, elsewhere (or while the
   * leader's follower list changes) only who it is.
   */
  public List<MasterStatus> peerStatuses() {
    long lastIndex = raft.lastLogIndex();
    return raft.followers()
        .map(followers -> ReplicationProgress.statuses(lastIndex, followers, directory::serviceAddress))
        .orElseGet(() -> ReplicationProgress.members(raft.otherMembers(), directory::serviceAddress));
  }
}
