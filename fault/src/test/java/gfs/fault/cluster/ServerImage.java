package gfs.fault.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * The servers' image, built locally once per test JVM by fault/image/build-image.sh from the
 * jars of `mvn install` (no registry is reachable: FROM scratch, a jlinked JRE, glibc).
 */
public final class ServerImage {
  public static final String TAG = "gfs-fault-server:latest";
  private static boolean built;

  private ServerImage() {}

  public static synchronized String tag() throws Exception {
    if (!built) {
      Path root = Path.of(System.getProperty("gfs.root", "..")).toAbsolutePath().normalize();
      Commands.run(300_000, List.of(root.resolve("fault/image/build-image.sh").toString(), TAG));
      built = true;
    }
    return TAG;
  }
}
