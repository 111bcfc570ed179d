package gfs.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A properties file read with typed getters; a missing key takes the default given, a
 * malformed value is an error naming the key and the file.
 */
public final class Config {
  private final Properties properties;
  private final String source;

  public Config(Properties properties, String source) {
    this.properties = properties;
    this.source = source;
  }

  public static Config load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("config file " + file + " does not exist");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return new Config(properties, file.toString());
  }

  public static Config empty() {
    return new Config(new Properties(), "defaults");
  }

  public String source() {
    return source;
  }

  public String getString(String key, String defaultValue) {
    String value = properties.getProperty(key);
    return value == null ? defaultValue : value.trim();
  }

  public int getInt(String key, int defaultValue) {
    String value = properties.getProperty(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + key + "=" + value + " is not an integer");
    }
  }

  public long getLong(String key, long defaultValue) {
    String value = properties.getProperty(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + key + "=" + value + " is not an integer");
    }
  }

  public long getBytes(String key, long defaultValue) {
    String value = properties.getProperty(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Sizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + key + ": " + e.getMessage());
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String value = properties.getProperty(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
  }
}
