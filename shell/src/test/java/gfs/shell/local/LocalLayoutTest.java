package gfs.shell.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gfs.common.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLayoutTest {
  @TempDir Path dir;

  private static List<Integer> ports(int count) {
    return IntStream.range(0, count).mapToObj(i -> 41000 + i).toList();
  }

  private LocalLayout plan(int masters, int chunkservers, int racks) throws Exception {
    return plan(masters, 0, chunkservers, racks);
  }

  private LocalLayout plan(int masters, int shadows, int chunkservers, int racks) throws Exception {
    ClusterShape shape = ClusterShape.fromFlags(masters, shadows, chunkservers, racks, 1L << 20);
    return LocalLayout.plan(dir, shape, ports(LocalLayout.portsNeeded(shape)));
  }

  @Test
  void chunkserversGetRacksRoundRobin() throws Exception {
    LocalLayout layout = plan(3, 5, 2);
    assertEquals(List.of("rack-1", "rack-2", "rack-1", "rack-2", "rack-1"),
        layout.chunkservers().stream().map(LocalNode::rack).toList());
    assertEquals(List.of("master-1", "master-2", "master-3", "chunkserver-1", "chunkserver-2",
        "chunkserver-3", "chunkserver-4", "chunkserver-5"),
        layout.nodes().stream().map(LocalNode::name).toList());
  }

  @Test
  void everyPortIsDistinctAndMastersKnowEachOther() throws Exception {
    LocalLayout layout = plan(3, 2, 2);
    assertEquals("127.0.0.1:41000,127.0.0.1:41003,127.0.0.1:41006", layout.masterAddresses());
    assertEquals("master-1=127.0.0.1:41001:41000,master-2=127.0.0.1:41004:41003,"
        + "master-3=127.0.0.1:41007:41006",
        layout.masterProperties(layout.masters().get(1)).get("master.peers"));
    assertEquals("41005", layout.masterProperties(layout.masters().get(1)).get("master.metrics.port"));
    assertEquals(List.of(41009, 41011), layout.chunkservers().stream().map(LocalNode::port).toList());
    assertEquals(List.of(41010, 41012), layout.chunkservers().stream().map(LocalNode::metricsPort).toList());
    assertEquals("41012", layout.chunkserverProperties(layout.chunkservers().get(1)).get("chunkserver.metrics.port"));
  }

  @Test
  void aServerOfAnOlderClusterGetsAMetricsPortOfItsOwnWhenResumed() throws Exception {
    LocalLayout layout = plan(1, 3, 1);
    layout.writeNew(java.util.Map.of());
    for (LocalNode node : layout.nodes()) {  // as a build without metrics wrote them
      java.util.Map<String, String> config = new java.util.LinkedHashMap<>(PropertiesFile.read(node.configFile()));
      config.remove("chunkserver.metrics.port");
      config.remove("master.metrics.port");
      PropertiesFile.write(node.configFile(), "old", config);
    }
    LocalLayout resumed = LocalLayout.load(layout.dir(), layout.shape());
    List<Integer> ports = resumed.nodes().stream().map(LocalNode::metricsPort).toList();
    assertEquals(4, ports.stream().distinct().filter(p -> p > 0).count(), "four distinct ports: " + ports);
    assertEquals(ports, LocalLayout.load(layout.dir(), layout.shape()).nodes().stream()
        .map(LocalNode::metricsPort).toList(), "kept in the config files");
  }

  @Test
  void shadowsAreMastersEveryoneKnowsAsListeners() throws Exception {
    LocalLayout layout = plan(3, 2, 2, 2);
    assertEquals(List.of("master-1", "master-2", "master-3", "shadow-1", "shadow-2",
        "chunkserver-1", "chunkserver-2"), layout.nodes().stream().map(LocalNode::name).toList());
    assertEquals("127.0.0.1:41000,127.0.0.1:41003,127.0.0.1:41006,127.0.0.1:41009,127.0.0.1:41012",
        layout.masterAddresses(), "clients and chunkservers talk to the shadows too");
    for (LocalNode master : layout.allMasters()) {
      Map<String, String> properties = layout.masterProperties(master);
      assertEquals("master-1=127.0.0.1:41001:41000,master-2=127.0.0.1:41004:41003,"
          + "master-3=127.0.0.1:41007:41006", properties.get("master.peers"));
      assertEquals("shadow-1=127.0.0.1:41010:41009,shadow-2=127.0.0.1:41013:41012",
          properties.get("master.shadows"));
    }
    LocalNode shadow = layout.shadows().get(1);
    assertEquals(LocalNode.Role.SHADOW, shadow.role());
    assertEquals(dir.resolve("shadow-2/master.properties"), shadow.configFile());
    assertEquals("shadow-2", layout.masterProperties(shadow).get("master.id"));
    assertEquals(layout.masterAddresses(),
        layout.chunkserverProperties(layout.chunkservers().get(0)).get("chunkserver.masters"));

    layout.writeNew(Map.of());
    LocalLayout loaded = LocalLayout.load(dir, ClusterShape.load(dir).orElseThrow());
    assertEquals(2, loaded.shape().shadows());
    assertEquals(layout.shadows(), loaded.shadows(), "a resumed cluster keeps its shadows and ports");
  }

  @Test
  void withoutShadowsTheMastersHaveNoShadowKey() throws Exception {
    LocalLayout layout = plan(1, 1, 1);
    assertEquals(null, layout.masterProperties(layout.masters().get(0)).get("master.shadows"));
  }

  @Test
  void settingsGoIntoEveryServersConfigWhenMadeAndWhenResumed() throws Exception {
    LocalLayout layout = plan(3, 1, 2, 2);
    layout.writeNew(Map.of("gc.retention.ms", "5000"));
    for (LocalNode node : layout.nodes()) {
      assertEquals(5000, Config.load(node.configFile()).getLong("gc.retention.ms", 0), node.name());
    }
    layout.applySettings(Map.of("gc.retention.ms", "7000", "heartbeat.interval.ms", "500"));
    for (LocalNode node : layout.nodes()) {
      Config config = Config.load(node.configFile());
      assertEquals(7000, config.getLong("gc.retention.ms", 0), node.name());
      assertEquals(500, config.getLong("heartbeat.interval.ms", 0), node.name());
    }
    assertEquals("master-1", Config.load(layout.masters().get(0).configFile()).getString("master.id", null));
  }

  @Test
  void writtenConfigsReadBackAsTheServersReadThem() throws Exception {
    LocalLayout layout = plan(3, 4, 2);
    layout.writeNew(Map.of());
    LocalNode master = layout.masters().get(0);
    Config masterConfig = Config.load(master.configFile());
    assertEquals("master-1", masterConfig.getString("master.id", null));
    assertEquals(41000, masterConfig.getInt("master.port", 0));
    assertEquals(41001, masterConfig.getInt("master.raft.port", 0));
    assertEquals(dir.resolve("master-1").resolve("data").toString(),
        masterConfig.getString("master.data.dir", null));
    assertEquals(1L << 20, masterConfig.getBytes("chunk.size", 0));
    assertEquals(3, masterConfig.getInt("replication.default", 0));
    assertTrue(Files.isDirectory(master.dataDir()));

    LocalNode chunkserver = layout.chunkservers().get(3);
    Config csConfig = Config.load(chunkserver.configFile());
    assertEquals("chunkserver-4", csConfig.getString("chunkserver.id", null));
    assertEquals("rack-2", csConfig.getString("chunkserver.rack", null));
    assertEquals(layout.masterAddresses(), csConfig.getString("chunkserver.masters", null));

    assertEquals(layout.masterAddresses(),
        Config.load(dir.resolve("client.conf")).getString("masters", null));
    assertEquals(Optional.of(layout.shape()), ClusterShape.load(dir));
  }

  @Test
  void reloadKeepsPortsAndRacksIncludingOperatorEdits() throws Exception {
    LocalLayout planned = plan(1, 2, 2);
    planned.writeNew(Map.of());
    Path config = planned.chunkservers().get(0).configFile();
    Files.writeString(config, Files.readString(config)
        .replace("chunkserver.rack=rack-1", "chunkserver.rack=rack-9"));
    LocalLayout loaded = LocalLayout.load(dir, ClusterShape.load(dir).orElseThrow());
    assertEquals(planned.masterAddresses(), loaded.masterAddresses());
    assertEquals(planned.masters().get(0).raftPort(), loaded.masters().get(0).raftPort());
    assertEquals("rack-9", loaded.chunkservers().get(0).rack());
    assertEquals(planned.chunkservers().get(1).port(), loaded.chunkservers().get(1).port());
  }

  @Test
  void replicationIsCappedByTheChunkservers() throws Exception {
    LocalLayout layout = plan(1, 2, 1);
    assertEquals("2", layout.masterProperties(layout.masters().get(0)).get("replication.default"));
  }

  @Test
  void missingConfigOfAnExistingClusterIsNamed() throws Exception {
    plan(1, 1, 1).writeNew(Map.of());
    Files.delete(dir.resolve("chunkserver-1").resolve("chunkserver.properties"));
    IOException e = assertThrows(IOException.class,
        () -> LocalLayout.load(dir, ClusterShape.load(dir).orElseThrow()));
    assertTrue(e.getMessage().contains("chunkserver.properties"), e.getMessage());
  }

  @Test
  void nodeFilesAreWhereOperatorsLook() throws Exception {
    LocalNode node = plan(1, 1, 1).chunkservers().get(0);
    assertEquals(dir.resolve("chunkserver-1.log"), node.logFile());
    assertEquals(dir.resolve("chunkserver-1.pid"), node.pidFile());
    assertEquals(dir.resolve("chunkserver-1/data"), node.dataDir());
    assertEquals(dir.resolve("chunkserver-1/chunkserver.properties"), node.configFile());
  }
}
