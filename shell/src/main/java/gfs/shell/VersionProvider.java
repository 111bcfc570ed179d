package gfs.shell;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the shell jar. */
public final class VersionProvider implements IVersionProvider {
  private static final String POM_PROPERTIES = "/META-INF/maven/io.gfs/gfs-shell/pom.properties";

  @Override
  public String[] getVersion() throws IOException {
    String version = "unknown (not run from the built jar)";
    try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        version = properties.getProperty("version", version);
      }
    }
    return new String[] {"gfs " + version + ", Java " + Runtime.version()};
  }
}
