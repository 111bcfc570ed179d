package gfs.bench;

/**
 * The machine limit that bounds a throughput figure, from the limits measured in the same run.
 * Writes: every DataNode and chunkserver shares this one disk and each byte is stored three
 * times (replication 3), so one third of the disk's write bandwidth is the most either system
 * can take in. Reads: each byte crosses loopback once, from one replica.
 */
enum Bound {
  NONE(""),
  DISK_WRITE_OVER_3("disk write / 3"),
  /** Data just written is in the page cache: the read is bounded by the copy over loopback. */
  LOOPBACK("loopback TCP"),
  /** A read after the page cache was dropped: the slower of the disk and loopback. */
  COLD_READ("min(disk read, loopback)");

  final String label;

  Bound(String label) {
    this.label = label;
  }

  /** The bound in the figure's unit (MB/s), or NaN when the limits were not measured. */
  double value(Measurements measurements) {
    double diskWrite = measurements.median(Rows.LIMIT_DISK_WRITE, SystemName.MACHINE);
    double diskRead = measurements.median(Rows.LIMIT_DISK_READ, SystemName.MACHINE);
    double loopback = measurements.median(Rows.LIMIT_LOOPBACK, SystemName.MACHINE);
    return switch (this) {
      case NONE -> Double.NaN;
      case DISK_WRITE_OVER_3 -> diskWrite / 3;
      case LOOPBACK -> loopback;
      case COLD_READ -> Math.min(diskRead, loopback);
    };
  }
}
