package gfs.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesNestedValuesInOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", "/a");
    m.put("length", 42L);
    m.put("ok", true);
    m.put("none", null);
    m.put("list", Arrays.asList(1, "two", null));
    m.put("empty", List.of());
    assertEquals("{\"path\":\"/a\",\"length\":42,\"ok\":true,\"none\":null,"
        + "\"list\":[1,\"two\",null],\"empty\":[]}", Json.write(m));
  }

  @Test
  void escapesWhatJsonRequires() {
    assertEquals("\"q\\\"b\\\\n\\nt\\tc\\u0001é\"", Json.write("q\"b\\n\nt\tc\u0001é"));
  }
}
