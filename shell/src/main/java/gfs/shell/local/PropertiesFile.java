package gfs.shell.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Properties files as people read them: keys in a chosen order, values unescaped
 * (Properties.store would write 127.0.0.1\:7100). Written to a temporary file and renamed,
 * so a crash never leaves half a config.
 */
final class PropertiesFile {
  private PropertiesFile() {}

  static void write(Path file, String comment, Map<String, String> values) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : comment.split("\n")) {
      text.append("# ").append(line).append('\n');
    }
    values.forEach((key, value) -> {
      if (value.contains("\n") || value.contains("\\")) {
        throw new IllegalArgumentException(key + ": value '" + value + "' cannot be written plainly");
      }
      text.append(key).append('=').append(value).append('\n');
    });
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static Map<String, String> read(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return values;
  }
}
