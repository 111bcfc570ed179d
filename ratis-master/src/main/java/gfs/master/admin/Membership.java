package gfs.master.admin;

import gfs.proto.ErrorCode;
import gfs.rpc.HostPort;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides membership and leadership changes of the master group from its current
 * configuration: what the new configuration is, or why the request is refused. Pure: the
 * caller reads the configuration from Raft and carries the decision out.
 */
public final class Membership {
  /** Peer ids end up in file names and Raft peer ids: keep them plain. */
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Membership() {}

  /**
   * The configuration with a new member, or empty when that exact member is already there
   * (a retried request, nothing to do).
   */
  public static Optional<GroupConf> add(GroupConf current, Member member) throws AdminRefusal {
    if (!VALID_ID.matcher(member.id()).matches()) {
      throw new AdminRefusal(ErrorCode.INVALID_ARGUMENT, "master id '" + member.id()
          + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    HostPort raftAddress = parseAddress(member.raftAddress(), "raft address of " + member.id());
    Optional<Member> existing = current.find(member.id());
    if (existing.isPresent()) {
      Member same = existing.get();
      if (same.listener() == member.listener() && sameAddress(same.raftAddress(), raftAddress)) {
        return Optional.empty();
      }
      throw new AdminRefusal(ErrorCode.ALREADY_EXISTS, "master " + member.id()
          + " is already a member as " + same.describe() + "; remove it first to change it");
    }
    for (Member other : current.all()) {
      if (sameAddress(other.raftAddress(), raftAddress)) {
        throw new AdminRefusal(ErrorCode.ALREADY_EXISTS, "raft address " + raftAddress
            + " of " + member.id() + " is already used by " + other.describe());
      }
    }
    return Optional.of(current.with(new Member(member.id(), raftAddress.toString(), member.listener())));
  }

  /**
   * The configuration without a member. The leader cannot remove itself (transfer leadership
   * first) and the last voter cannot go: the group would have no one to decide.
   */
  public static GroupConf remove(GroupConf current, String id, String leaderId) throws AdminRefusal {
    Member member = current.find(id).orElseThrow(() -> new AdminRefusal(ErrorCode.INVALID_ARGUMENT,
        "no master " + id + " in the group (members: " + current.names() + ")"));
    if (id.equals(leaderId)) {
      throw new AdminRefusal(ErrorCode.INVALID_ARGUMENT, "master " + id
          + " is the leader; move leadership first with ./gfs admin transfer-leader ID");
    }
    if (!member.listener() && current.voters().size() == 1) {
      throw new AdminRefusal(ErrorCode.INVALID_ARGUMENT,
          "master " + id + " is the last voter of the group and cannot be removed");
    }
    return current.without(id);
  }

  /**
   * Checks that leadership can go to target: a voter of the group. Returns false when it
   * already leads (nothing to do).
   */
  public static boolean transferNeeded(GroupConf current, String targetId, String leaderId)
      throws AdminRefusal {
    Member target = current.find(targetId).orElseThrow(() -> new AdminRefusal(
        ErrorCode.INVALID_ARGUMENT, "no master " + targetId + " in the group (members: "
            + current.names() + ")"));
    if (target.listener()) {
      throw new AdminRefusal(ErrorCode.INVALID_ARGUMENT, "master " + targetId
          + " is a read-only shadow (Raft listener) and cannot lead");
    }
    return !targetId.equals(leaderId);
  }

  /** Checks the service address an added peer will be reached at by clients and chunkservers. */
  public static HostPort parseServiceAddress(String text, String id) throws AdminRefusal {
    return parseAddress(text, "service address of " + id);
  }

  static HostPort parseAddress(String text, String what) throws AdminRefusal {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new AdminRefusal(ErrorCode.INVALID_ARGUMENT, what + ": " + e.getMessage());
    }
  }

  private static boolean sameAddress(String text, HostPort address) {
    try {
      return HostPort.parse(text).equals(address);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
