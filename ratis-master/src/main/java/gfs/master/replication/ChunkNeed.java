package gfs.master.replication;

/**
 * A chunk whose effective replicas (live, up to date, not on a decommissioning chunkserver)
 * differ from its goal, as one namespace scan found it.
 *
 * @param goal the file's replication (the largest among files sharing the chunk)
 * @param effective live up-to-date replicas not on decommissioning chunkservers
 * @param deleted every file holding it is in the trash (lower priority)
 * @param blocked a client was refused or short-served for lack of replicas of it
 */
public record ChunkNeed(long handle, long version, int goal, int effective, boolean deleted,
    boolean blocked) {

  /** Replicas short of the goal; negative when over-replicated. */
  public int missing() {
    return goal - effective;
  }

  public boolean underReplicated() {
    return effective < goal;
  }

  public boolean overReplicated() {
    return effective > goal;
  }
}
