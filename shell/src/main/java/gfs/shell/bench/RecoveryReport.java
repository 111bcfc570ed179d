package gfs.shell.bench;

import gfs.shell.output.Output;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints the figures of `gfs bench recovery`, as text or JSON. */
public final class RecoveryReport {
  private RecoveryReport() {}

  public static void print(RecoveryBenchmark.Result r, Output out) {
    if (out.json()) {
      out.json(json(r));
      return;
    }
    out.line(String.format(Locale.ROOT, "gfs bench recovery: %d chunkservers, %d cores here;"
        + " %.0f MB written under %s in %.1f s", r.chunkservers(),
        Runtime.getRuntime().availableProcessors(), r.dataBytes() / 1e6, r.root(), r.fillSeconds()));
    out.line(String.format(Locale.ROOT, "killed %s holding %d chunks (%.0f MB); the master"
        + " declared it dead after %.1f s", r.victim(), r.victimChunks(), r.victimBytes() / 1e6,
        r.detectSeconds()));
    out.line(String.format(Locale.ROOT, "full replication %.1f s after that (peak %d chunks below"
        + " goal): %.1f MB/s re-replicated", r.recoverySeconds(), r.peakUnderReplicated(),
        r.recoveryBytesPerS() / 1e6));
    out.line(String.format(Locale.ROOT, "disk baseline: %.1f MB/s sequential write (forced) on"
        + " the chunkservers' disk; recovery ran at %.2f of it", r.diskWriteBytesPerS() / 1e6,
        r.recoveryBytesPerS() / r.diskWriteBytesPerS()));
    out.line("(GFS paper, 2003 hardware: 600 GB restored in 23.2 min, 440 MB/s, over many"
        + " disks; here every chunkserver shares one disk, which reads the source and writes the"
        + " copy)");
  }

  private static Map<String, Object> json(RecoveryBenchmark.Result r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("root", r.root());
    json.put("chunkservers", r.chunkservers());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("data_bytes", r.dataBytes());
    json.put("fill_s", r.fillSeconds());
    json.put("victim", r.victim());
    json.put("victim_bytes", r.victimBytes());
    json.put("victim_chunks", r.victimChunks());
    json.put("detect_s", r.detectSeconds());
    json.put("recovery_s", r.recoverySeconds());
    json.put("peak_chunks_below_goal", r.peakUnderReplicated());
    json.put("recovery_bytes_per_s", Math.round(r.recoveryBytesPerS()));
    json.put("disk_write_bytes_per_s", Math.round(r.diskWriteBytesPerS()));
    json.put("recovery_to_disk_ratio", r.recoveryBytesPerS() / r.diskWriteBytesPerS());
    return json;
  }
}
