package gfs.master.admin;

import gfs.proto.MasterStatus;
import gfs.proto.RaftRole;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The other peers of the group as one master reports them: on the leader, how far behind
 * it each is, from what its Raft knows of them; elsewhere only who they are.
 */
public final class ReplicationProgress {
  /** Match index, lag or last contact that only the leader knows. */
  public static final long UNKNOWN = -1;

  /**
   * What the leader knows of one other peer.
   *
   * @param matchIndex highest log index known to be on the peer (-1: none yet)
   * @param lastContactMs since the leader last heard from the peer
   */
  public record Follower(String id, String raftAddress, boolean listener, long matchIndex,
      long lastContactMs) {}

  private ReplicationProgress() {}

  /** One status per follower: role, addresses, match index and lag behind leaderLastIndex. */
  public static List<MasterStatus> statuses(long leaderLastIndex, List<Follower> followers,
      Function<String, String> serviceAddressOf) {
    List<MasterStatus> statuses = new ArrayList<>(followers.size());
    for (Follower follower : followers) {
      statuses.add(MasterStatus.newBuilder()
          .setId(follower.id())
          .setAddress(serviceAddressOf.apply(follower.id()))
          .setRaftAddress(follower.raftAddress())
          .setRole(follower.listener() ? RaftRole.LISTENER : RaftRole.FOLLOWER)
          .setMatchIndex(follower.matchIndex())
          .setLag(lag(leaderLastIndex, follower.matchIndex()))
          .setLastContactMs(follower.lastContactMs())
          .build());
    }
    return statuses;
  }

  /**
   * The other members as a master that is not the leader knows them: who they are, with
   * match index, lag and last contact unknown (-1).
   */
  public static List<MasterStatus> members(List<Member> members, Function<String, String> serviceAddressOf) {
    List<MasterStatus> statuses = new ArrayList<>(members.size());
    for (Member member : members) {
      statuses.add(MasterStatus.newBuilder()
          .setId(member.id())
          .setAddress(serviceAddressOf.apply(member.id()))
          .setRaftAddress(member.raftAddress())
          .setRole(member.listener() ? RaftRole.LISTENER : RaftRole.FOLLOWER)
          .setMatchIndex(UNKNOWN).setLag(UNKNOWN).setLastContactMs(UNKNOWN)
          .build());
    }
    return statuses;
  }

  /** Entries the follower lacks: never negative (a follower may hold entries not yet committed). */
  static long lag(long leaderLastIndex, long matchIndex) {
    return Math.max(0, leaderLastIndex - matchIndex);
  }
}
