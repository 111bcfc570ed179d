package gfs.master.replication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves toward even disk use (GFS section 4.3): among live, non-decommissioning chunkservers,
 * those holding more chunk bytes than mean * (1 + threshold) give chunks to those below
 * mean * (1 - threshold). When only one side is out of balance, the fullest (or emptiest) other
 * server makes up the pair, so every server ends within the threshold. A receiver takes at most
 * maxMovesPerServer moves at once, so a new empty server is filled gradually; moves are planned
 * against projected use (a planned move counts as done), so no server is pushed past the mean.
 */
public final class RebalancePlanner {
  /** One chunk to move from one server to another. */
  public record Move(String from, String to) {}

  /** A server's chunk bytes, counting the moves into and out of it under way as done. */
  public record Usage(String id, long usedBytes, int movesInto) {}

  /**
   * How far one server is from the mean: deviation = (used - mean) / mean (0 when the mean is 0);
   * above (a donor) or below (a receiver) when it is beyond the threshold.
   */
  public record Standing(String id, long usedBytes, double deviation, boolean above, boolean below) {}

  private final double threshold;
  private final int maxMovesPerServer;

  public RebalancePlanner(double threshold, int maxMovesPerServer) {
    this.threshold = threshold;
    this.maxMovesPerServer = maxMovesPerServer;
  }

  /** Mean chunk bytes of the servers (0 for none). */
  public static long mean(List<Usage> servers) {
    return Math.round(servers.stream().mapToLong(Usage::usedBytes).average().orElse(0));
  }

  /** Each server against the mean, in the given order: what `gfs admin balancer status` shows. */
  public static List<Standing> assess(List<Usage> servers, double threshold) {
    double mean = servers.stream().mapToLong(Usage::usedBytes).average().orElse(0);
    List<Standing> standings = new ArrayList<>(servers.size());
    for (Usage server : servers) {
      double deviation = mean > 0 ? (server.usedBytes() - mean) / mean : 0;
      standings.add(new Standing(server.id(), server.usedBytes(), deviation,
          server.usedBytes() > mean * (1 + threshold), server.usedBytes() < mean * (1 - threshold)));
    }
    return standings;
  }

  /** The moves to start now; chunkBytes is the size one move is expected to shift. */
  public List<Move> plan(List<Usage> servers, long chunkBytes) {
    List<Move> moves = new ArrayList<>();
    if (servers.size() < 2 || chunkBytes <= 0) {
      return moves;
    }
    double mean = servers.stream().mapToLong(Usage::usedBytes).average().orElse(0);
    double high = mean * (1 + threshold);
    double low = mean * (1 - threshold);
    List<long[]> donors = new ArrayList<>();    // {index, projected bytes}
    List<long[]> receivers = new ArrayList<>();
    boolean anyHigh = servers.stream().anyMatch(s -> s.usedBytes() > high);
    boolean anyLow = servers.stream().anyMatch(s -> s.usedBytes() < low);
    if (!anyHigh && !anyLow) {
      return moves;
    }
    for (int i = 0; i < servers.size(); i++) {
      long used = servers.get(i).usedBytes();
      // The side that is in balance still gives (or takes) down (or up) to the mean.
      if (anyHigh ? used > high : used > mean) {
        donors.add(new long[] {i, used});
      }
      if (anyLow ? used < low : used < mean) {
        receivers.add(new long[] {i, used});
      }
    }
    receivers.sort(Comparator.comparingLong(r -> r[1]));
    for (long[] receiver : receivers) {
      Usage to = servers.get((int) receiver[0]);
      int slots = maxMovesPerServer - to.movesInto();
      while (slots > 0) {
        donors.sort(Comparator.comparingLong((long[] d) -> d[1]).reversed());
        long[] donor = donors.isEmpty() ? null : donors.get(0);
        // A move must shrink the gap between the two, and not push either past the mean.
        if (donor == null || donor[1] - receiver[1] <= chunkBytes
            || donor[1] - chunkBytes < mean - chunkBytes / 2.0
            || receiver[1] + chunkBytes > mean + chunkBytes / 2.0) {
          break;
        }
        moves.add(new Move(servers.get((int) donor[0]).id(), to.id()));
        donor[1] -= chunkBytes;
        receiver[1] += chunkBytes;
        slots--;
      }
    }
    return moves;
  }
}
