package gfs.chunkserver.heartbeat;

import static gfs.chunkserver.Text.chunk;

import gfs.chunkserver.ChunkserverException;
import gfs.chunkserver.mutation.LeaseTable;
import gfs.chunkserver.mutation.MutationLocks;
import gfs.chunkserver.replication.ChunkCloner;
import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ChunkserverCommand;
import gfs.proto.FailedClone;
import gfs.proto.SetChunkVersion;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what the master leader asks in a heartbeat reply. Deletes and version changes
 * are quick and done at once (under the chunk's mutation lock); clones and copies go to
 * the {@link ChunkCloner}'s threads so heartbeats keep flowing.
 */
public final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final String serverId;
  private final ChunkStore store;
  private final LeaseTable leases;
  private final MutationLocks locks;
  private final ChunkCloner cloner;

  public CommandRunner(String serverId, ChunkStore store, LeaseTable leases, MutationLocks locks, ChunkCloner cloner) {
    this.serverId = serverId;
    this.store = store;
    this.leases = leases;
    this.locks = locks;
    this.cloner = cloner;
  }

  /** The clones asked for that failed lately: heartbeats report them so they are planned again. */
  public List<FailedClone> failedClones() {
    return cloner.recentFailures();
  }

  public void run(List<ChunkserverCommand> commands, String masterAddress) {
    for (ChunkserverCommand command : commands) {
      LOG.debug("{}: command from master {}: {}", serverId, masterAddress, command.getCommandCase());
      try {
        switch (command.getCommandCase()) {
          case DELETE_CHUNKS -> command.getDeleteChunks().getHandlesList().forEach(this::delete);
          case SET_VERSION -> setVersion(command.getSetVersion());
          case CLONE_CHUNK -> cloner.submitClone(command.getCloneChunk());
          case COPY_ON_WRITE -> cloner.submitCopyOnWrite(command.getCopyOnWrite());
          default -> LOG.warn("{}: ignoring an empty or unknown command from master {}", serverId, masterAddress);
        }
      } catch (RuntimeException e) {
        LOG.error("{}: command {} from master {} failed", serverId, command.getCommandCase(), masterAddress, e);
      }
    }
  }

  private void delete(long handle) {
    try (MutationLocks.Held held = locks.lock(handle)) {
      leases.drop(handle);
      store.delete(handle);
    } catch (ChunkserverException e) {
      LOG.warn("{}: could not delete {} now (the master will ask again): {}", serverId, chunk(handle), e.getMessage());
      return;
    }
    locks.forget(handle);
  }

  private void setVersion(SetChunkVersion command) {
    long handle = command.getHandle();
    try (MutationLocks.Held held = locks.lock(handle)) {
      Optional<ChunkRecord> record = store.record(handle);
      if (record.isEmpty()) {
        LOG.debug("{}: no {} to set to version {}", serverId, chunk(handle), command.getVersion());
      } else if (record.get().version() > command.getVersion()) {
        LOG.warn("{}: master asked to set {} to version {}, below its version {}: refused (versions never go down)",
            serverId, chunk(handle), command.getVersion(), record.get().version());
      } else {
        store.setVersion(handle, command.getVersion());
      }
    } catch (ChunkserverException e) {
      LOG.warn("{}: could not set {} to version {}: {}", serverId, chunk(handle), command.getVersion(), e.getMessage());
    }
  }
}
