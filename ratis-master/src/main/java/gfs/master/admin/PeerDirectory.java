package gfs.master.admin;

import gfs.master.config.MasterConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service addresses (host:port of the master service) of the group's peers by id. Raft knows
 * only Raft addresses; these come from this master's config and from AddMaster calls it
 * carried out. A peer added through another master is unknown here until this master's
 * config lists it (operators add new peers to every config for the next restart).
 */
public final class PeerDirectory {
  private final Map<String, String> serviceAddresses = new ConcurrentHashMap<>();

  public PeerDirectory(MasterConfig config) {
    for (MasterConfig.Peer peer : config.allPeers()) {
      serviceAddresses.put(peer.id(), peer.serviceAddress());
    }
  }

  public void learn(String id, String serviceAddress) {
    serviceAddresses.put(id, serviceAddress);
  }

  /** The peer's service address, or "" when this master does not know it. */
  public String serviceAddress(String id) {
    return serviceAddresses.getOrDefault(id, "");
  }
}
