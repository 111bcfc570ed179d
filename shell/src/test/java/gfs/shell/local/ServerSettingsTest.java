package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.shell.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  @Test
  void parsesKeyValuePairsInOrder() throws Exception {
    assertEquals(Map.of("gc.retention.ms", "60000", "rebalance.threshold", "0.1"),
        ServerSettings.parse(List.of("gc.retention.ms=60000", " rebalance.threshold = 0.1")));
  }

  @Test
  void refusesWhatIsNotASettingAndNamesIt() {
    UsageException noEquals = assertThrows(UsageException.class,
        () -> ServerSettings.parse(List.of("gc.retention.ms")));
    assertTrue(noEquals.getMessage().contains("KEY=VALUE"), noEquals.getMessage());
    UsageException badKey = assertThrows(UsageException.class,
        () -> ServerSettings.parse(List.of("GC Retention=5")));
    assertTrue(badKey.getMessage().contains("'GC Retention'"), badKey.getMessage());
    UsageException empty = assertThrows(UsageException.class,
        () -> ServerSettings.parse(List.of("gc.retention.ms=")));
    assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());
  }

  @Test
  void refusesTheKeysThatWireTheClusterTogether() {
    for (String key : ServerSettings.RESERVED) {
      UsageException e = assertThrows(UsageException.class,
          () -> ServerSettings.parse(List.of(key + "=1")));
      assertTrue(e.getMessage().contains(key + " is chosen by ./gfs local"), e.getMessage());
    }
  }
}
