package gfs.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import gfs.client.GfsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Files with known random contents, written and checked through the client as a user would. */
final class TestFiles {
  private TestFiles() {}

  /** Writes count files directory/file-N of fileBytes random bytes each; returns path -> bytes. */
  static Map<String, byte[]> writeRandom(GfsClient client, String directory, int count,
      int fileBytes, long seed) throws Exception {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      String path = directory + "/file-" + i;
      byte[] content = new byte[fileBytes];
      random.nextBytes(content);
      client.create(path, 3, true);
      try (OutputStream out = client.openOutputStream(path)) {
        out.write(content);
      }
      contents.put(path, content);
    }
    return contents;
  }

  /** The whole file, read through the client. */
  static byte[] read(GfsClient client, String path) throws Exception {
    try (InputStream in = client.openInputStream(path)) {
      return in.readAllBytes();
    }
  }

  /** Every file reads back exactly as written. */
  static void assertReadBack(GfsClient client, Map<String, byte[]> contents) throws Exception {
    for (Map.Entry<String, byte[]> file : contents.entrySet()) {
      assertArrayEquals(file.getValue(), read(client, file.getKey()), file.getKey());
    }
  }
}
