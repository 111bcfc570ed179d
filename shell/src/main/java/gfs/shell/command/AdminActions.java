package gfs.shell.command;

import gfs.shell.UsageException;
import java.util.List;

/** The ACTION word of `admin safemode|balancer|gc|replication ACTION`, checked before connecting. */
final class AdminActions {
  private AdminActions() {}

  /** action when it is one of allowed, else a usage error naming them. */
  static String check(String command, String action, List<String> allowed) throws UsageException {
    if (allowed.contains(action)) {
      return action;
    }
    String choices = allowed.size() == 1 ? allowed.get(0)
        : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
    throw new UsageException("unknown action '" + action + "' for 'gfs admin " + command + "': use " + choices);
  }
}
