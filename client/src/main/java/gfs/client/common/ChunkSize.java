package gfs.client.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's chunk size as the masters report it (every chunk of a cluster has the same
 * size); learnt from the first response that carries it. Thread-safe.
 */
public final class ChunkSize {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkSize.class);

  private volatile long bytes;

  /** Records a size a master reported; 0 means "not in this response". */
  public void learn(long reportedBytes) {
    if (reportedBytes <= 0) {
      return;
    }
    long previous = bytes;
    if (previous != 0 && previous != reportedBytes) {
      LOG.warn("master reports chunk size {} bytes, was {} bytes", reportedBytes, previous);
    }
    bytes = reportedBytes;
  }

  /** The size, or 0 when no master has reported it yet. */
  public long knownOrZero() {
    return bytes;
  }
}
