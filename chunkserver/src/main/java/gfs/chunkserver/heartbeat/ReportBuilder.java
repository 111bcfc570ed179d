package gfs.chunkserver.heartbeat;

import gfs.chunkserver.storage.ChunkRecord;
import gfs.chunkserver.storage.ChunkStore;
import gfs.proto.ChunkReport;
import gfs.proto.DiskUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns the chunk store's state into the reports heartbeats carry. */
final class ReportBuilder {
  private final ChunkStore store;

  ReportBuilder(ChunkStore store) {
    this.store = store;
  }

  List<ChunkReport> full() {
    List<ChunkReport> reports = new ArrayList<>();
    for (ChunkRecord record : store.records()) {
      reports.add(report(record));
    }
    return reports;
  }

  /** Reports for the touched chunks that still exist; the rest go to {@code removed}. */
  List<ChunkReport> changed(Set<Long> touched, List<Long> removed) {
    List<ChunkReport> reports = new ArrayList<>();
    for (long handle : touched) {
      Optional<ChunkRecord> record = store.record(handle);
      if (record.isPresent()) {
        reports.add(report(record.get()));
      } else {
        removed.add(handle);
      }
    }
    return reports;
  }

  DiskUsage disk() {
    try {
      gfs.chunkserver.storage.DiskUsage usage = store.diskUsage();
      return DiskUsage.newBuilder().setCapacityBytes(usage.capacityBytes()).setUsedBytes(usage.usedBytes())
          .setFreeBytes(usage.freeBytes()).build();
    } catch (IOException e) {
      return DiskUsage.getDefaultInstance();
    }
  }

  private static ChunkReport report(ChunkRecord record) {
    return ChunkReport.newBuilder().setHandle(record.handle()).setVersion(record.version())
        .setLength(record.length()).setCorrupt(record.corrupt()).build();
  }
}
