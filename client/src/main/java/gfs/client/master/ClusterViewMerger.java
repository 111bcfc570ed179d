package gfs.client.master;

import gfs.client.ClusterView;
import gfs.proto.ChunkserverStatus;
import gfs.proto.ClusterStatusResponse;
import gfs.proto.MasterStatus;
import gfs.proto.RaftRole;
import gfs.rpc.HostPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the ClusterStatus answers of every master into one view: each master describes
 * itself, the leader also describes the chunkservers, the namespace, and how far behind it
 * every other peer is (lag).
 */
public final class ClusterViewMerger {
  private static final String UNKNOWN_ID = "?";

  private ClusterViewMerger() {}

  /**
   * @param configured the masters of the client config, in order
   * @param answers the answer of each master that answered, keyed by the address it was asked
   *     at (configured ones, and peers the leader named that were asked too)
   * @param knownIds ids of masters by configured address, learnt from earlier answers, to
   *     name a master that does not answer now
   */
  public static ClusterView merge(List<String> configured,
      Map<String, ClusterStatusResponse> answers, Map<String, String> knownIds) {
    ClusterStatusResponse leaderAnswer = leaderAnswer(configured, answers);
    Map<String, MasterStatus> progress = new LinkedHashMap<>();
    if (leaderAnswer != null) {
      leaderAnswer.getPeersList().forEach(peer -> progress.put(peer.getId(), peer));
    }
    List<ClusterView.Master> masters = new ArrayList<>();
    Set<String> seenIds = new HashSet<>();
    Set<String> seenAddresses = new HashSet<>();
    for (String address : configured) {
      ClusterStatusResponse answer = answers.get(address);
      MasterStatus self = answer == null ? null : selfOf(address, answer);
      if (self == null) {
        String id = answer == null ? idFromOthers(address, answers) : answer.getAnsweredBy();
        if (id.isEmpty()) {
          id = knownIds.getOrDefault(address, "");
        }
        masters.add(new ClusterView.Master(id.isEmpty() ? UNKNOWN_ID : id, address,
            answer == null ? ClusterView.UNREACHABLE : "UNKNOWN", 0, 0, 0, lagOf(id, progress)));
        seenIds.add(id);
      } else {
        masters.add(master(self, address, progress));
        seenIds.add(self.getId());
      }
      seenAddresses.add(normalize(address));
    }
    // Peers the masters know of but the client was not configured with (e.g. shadows):
    // their own answers first, then what the leader alone knows of them.
    for (ClusterStatusResponse answer : answers.values()) {
      for (MasterStatus status : answer.getMastersList()) {
        if (!seenIds.contains(status.getId())
            && !seenAddresses.contains(normalize(status.getAddress()))) {
          masters.add(master(status, status.getAddress(), progress));
          seenIds.add(status.getId());
          seenAddresses.add(normalize(status.getAddress()));
        }
      }
    }
    Map<String, MasterStatus> named = new LinkedHashMap<>(progress);
    answers.values().forEach(answer -> answer.getPeersList()
        .forEach(peer -> named.putIfAbsent(peer.getId(), peer)));
    for (MasterStatus peer : named.values()) {
      if (!seenIds.contains(peer.getId())) {
        // Asked at its service address without an answer, or its address is unknown here.
        String role = peer.getAddress().isEmpty() ? role(peer.getRole()) : ClusterView.UNREACHABLE;
        masters.add(new ClusterView.Master(peer.getId(), peer.getAddress(), role, 0, 0, 0,
            lagOf(peer.getId(), progress)));
        seenIds.add(peer.getId());
      }
    }
    ClusterStatusResponse source = leaderAnswer != null ? leaderAnswer : pickAny(configured, answers);
    return new ClusterView(
        leaderId(leaderAnswer, answers),
        masters,
        source == null ? List.of() : chunkservers(source),
        source == null ? 0 : source.getFileCount(),
        source == null ? 0 : source.getChunkCount(),
        chunkSize(source, answers),
        source == null ? 0 : source.getUnderReplicatedChunks(),
        source == null ? 0 : source.getMissingChunks(),
        source != null && source.getSafeMode(),
        source == null ? 0 : source.getOverReplicatedChunks(),
        source == null ? 0 : source.getClonesInFlight(),
        source == null ? 0 : source.getDeletedEntries(),
        source == null ? "" : source.getAnsweredBy());
  }

  /** The answer of a master that says it leads: configured masters first, in order. */
  private static ClusterStatusResponse leaderAnswer(List<String> configured,
      Map<String, ClusterStatusResponse> answers) {
    List<String> order = new ArrayList<>(configured);
    answers.keySet().stream().filter(a -> !configured.contains(a)).forEach(order::add);
    for (String address : order) {
      ClusterStatusResponse answer = answers.get(address);
      MasterStatus self = answer == null ? null : selfOf(address, answer);
      if (self != null && self.getRole() == RaftRole.LEADER) {
        return answer;
      }
    }
    return null;
  }

  /** The entry an answering master gives about itself. */
  private static MasterStatus selfOf(String address, ClusterStatusResponse answer) {
    for (MasterStatus status : answer.getMastersList()) {
      if (normalize(status.getAddress()).equals(normalize(address))) {
        return status;
      }
    }
    for (MasterStatus status : answer.getMastersList()) {
      if (!answer.getAnsweredBy().isEmpty() && status.getId().equals(answer.getAnsweredBy())) {
        return status;
      }
    }
    return answer.getMastersCount() == 1 ? answer.getMasters(0) : null;
  }

  /** What another master (typically the leader) says is the id of an unreachable master. */
  private static String idFromOthers(String address, Map<String, ClusterStatusResponse> answers) {
    for (ClusterStatusResponse answer : answers.values()) {
      for (MasterStatus status : answer.getMastersList()) {
        if (normalize(status.getAddress()).equals(normalize(address))) {
          return status.getId();
        }
      }
      for (MasterStatus peer : answer.getPeersList()) {
        if (!peer.getAddress().isEmpty() && normalize(peer.getAddress()).equals(normalize(address))) {
          return peer.getId();
        }
      }
    }
    return "";
  }

  private static ClusterStatusResponse pickAny(List<String> configured,
      Map<String, ClusterStatusResponse> answers) {
    ClusterStatusResponse first = null;
    for (String address : configured) {
      ClusterStatusResponse answer = answers.get(address);
      if (answer != null && answer.getChunkserversCount() > 0) {
        return answer;
      }
      if (first == null) {
        first = answer;
      }
    }
    return first;
  }

  private static String leaderId(ClusterStatusResponse leaderAnswer,
      Map<String, ClusterStatusResponse> answers) {
    if (leaderAnswer != null && !leaderAnswer.getLeaderId().isEmpty()) {
      return leaderAnswer.getLeaderId();
    }
    for (ClusterStatusResponse answer : answers.values()) {
      if (!answer.getLeaderId().isEmpty()) {
        return answer.getLeaderId();
      }
    }
    if (leaderAnswer != null) {
      for (MasterStatus status : leaderAnswer.getMastersList()) {
        if (status.getRole() == RaftRole.LEADER) {
          return status.getId();
        }
      }
    }
    return "";
  }

  private static long chunkSize(ClusterStatusResponse source,
      Map<String, ClusterStatusResponse> answers) {
    if (source != null && source.getChunkSize() > 0) {
      return source.getChunkSize();
    }
    return answers.values().stream().mapToLong(ClusterStatusResponse::getChunkSize)
        .filter(size -> size > 0).findFirst().orElse(0);
  }

  private static ClusterView.Master master(MasterStatus status, String address,
      Map<String, MasterStatus> progress) {
    long lag = status.getRole() == RaftRole.LEADER ? 0 : lagOf(status.getId(), progress);
    return new ClusterView.Master(status.getId(), address, role(status.getRole()),
        status.getTerm(), status.getCommitIndex(), status.getAppliedIndex(), lag);
  }

  /** The lag the leader reports for a peer, or -1 when it reports none. */
  private static long lagOf(String id, Map<String, MasterStatus> progress) {
    MasterStatus peer = progress.get(id);
    return peer == null || peer.getLag() < 0 ? -1 : peer.getLag();
  }

  private static String role(RaftRole role) {
    return switch (role) {
      case LEADER -> "LEADER";
      case FOLLOWER -> "FOLLOWER";
      case CANDIDATE -> "CANDIDATE";
      case LISTENER -> "LISTENER";
      case UNKNOWN_ROLE, UNRECOGNIZED -> "UNKNOWN";
    };
  }

  private static List<ClusterView.Chunkserver> chunkservers(ClusterStatusResponse answer) {
    Map<String, ClusterView.Chunkserver> byId = new LinkedHashMap<>();
    for (ChunkserverStatus cs : answer.getChunkserversList()) {
      byId.put(cs.getServer().getId(), new ClusterView.Chunkserver(
          cs.getServer().getId(),
          cs.getServer().getHost() + ":" + cs.getServer().getPort(),
          cs.getServer().getRack(),
          cs.getState().name(),
          cs.getDisk().getCapacityBytes(),
          cs.getDisk().getUsedBytes(),
          cs.getDisk().getFreeBytes(),
          cs.getChunkCount(),
          cs.getLastHeartbeatAgeMs(),
          cs.getChunksToDrain(),
          cs.getClonesInFlight()));
    }
    return new ArrayList<>(byId.values());
  }

  /** host:port in canonical form, so "h:1" from config and from a master compare equal. */
  private static String normalize(String address) {
    try {
      return HostPort.parse(address).toString();
    } catch (IllegalArgumentException e) {
      return address.trim();
    }
  }
}
