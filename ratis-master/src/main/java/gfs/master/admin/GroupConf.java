package gfs.master.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The members of the master Raft group: voters and listeners (shadows), each list in its own order. */
public record GroupConf(List<Member> voters, List<Member> listeners) {
  public GroupConf {
    voters = List.copyOf(voters);
    listeners = List.copyOf(listeners);
    for (Member voter : voters) {
      if (voter.listener()) {
        throw new IllegalArgumentException(voter.describe() + " listed among the voters");
      }
    }
    for (Member listener : listeners) {
      if (!listener.listener()) {
        throw new IllegalArgumentException(listener.describe() + " listed among the listeners");
      }
    }
  }

  public Optional<Member> find(String id) {
    return all().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** Voters first, then listeners. */
  public List<Member> all() {
    List<Member> all = new ArrayList<>(voters);
    all.addAll(listeners);
    return all;
  }

  /** This configuration with the member added at the end of its list. */
  public GroupConf with(Member member) {
    List<Member> newVoters = new ArrayList<>(voters);
    List<Member> newListeners = new ArrayList<>(listeners);
    (member.listener() ? newListeners : newVoters).add(member);
    return new GroupConf(newVoters, newListeners);
  }

  /** This configuration without the member of that id. */
  public GroupConf without(String id) {
    return new GroupConf(
        voters.stream().filter(m -> !m.id().equals(id)).toList(),
        listeners.stream().filter(m -> !m.id().equals(id)).toList());
  }

  /** "master-1, master-2, shadow-1 (shadow)" for messages: voters, then shadows, each by id. */
  public String names() {
    return all().stream()
        .sorted(Comparator.comparing(Member::listener).thenComparing(Member::id))
        .map(m -> m.id() + (m.listener() ? " (shadow)" : ""))
        .collect(Collectors.joining(", "));
  }
}
