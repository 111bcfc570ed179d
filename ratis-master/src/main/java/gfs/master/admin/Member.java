package gfs.master.admin;

/**
 * One member of the master Raft group.
 *
 * @param raftAddress host:port of its Raft port
 * @param listener true for a read-only shadow (a Raft listener: follows the log, never votes)
 */
public record Member(String id, String raftAddress, boolean listener) {
  public String describe() {
    return id + " (" + (listener ? "shadow" : "voter") + " at " + raftAddress + ")";
  }
}
