package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class GfsFsConfigTest {
  private final Configuration conf = new Configuration(false);

  @Test
  void anAuthorityWithPortsIsTheMasterList() {
    GfsFsConfig config = GfsFsConfig.resolve(URI.create("gfs://h1:7000,h2:7001,h3:7002/data"), conf);
    assertEquals(List.of("h1:7000", "h2:7001", "h3:7002"), config.client().masters());
  }

  @Test
  void aClusterNameIsResolvedFromTheConfiguration() {
    conf.set("fs.gfs.cluster.prod.masters", "m1:7000, m2:7000");
    GfsFsConfig config = GfsFsConfig.resolve(URI.create("gfs://prod/logs"), conf);
    assertEquals(List.of("m1:7000", "m2:7000"), config.client().masters());
  }

  @Test
  void anUnknownClusterNameNamesTheKeyToSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GfsFsConfig.resolve(URI.create("gfs://nowhere/"), conf));
    assertTrue(e.getMessage().contains("fs.gfs.cluster.nowhere.masters"), e.getMessage());
  }

  @Test
  void aUriWithoutAuthorityIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GfsFsConfig.resolve(URI.create("gfs:///data"), conf));
    assertTrue(e.getMessage().contains("no authority"), e.getMessage());
  }

  @Test
  void clientOptionsComeFromFsGfsKeys() {
    conf.set("fs.gfs.rpc.timeout.ms", "1234");
    conf.set("fs.gfs.operation.timeout.ms", "5678");
    conf.set("fs.gfs.location.cache.ms", "0");
    conf.setBoolean("fs.gfs.stale.reads", true);
    conf.set("fs.gfs.snapshot.root", "/snaps");
    conf.setInt("fs.gfs.buffer.bytes", 65536);
    GfsFsConfig config = GfsFsConfig.resolve(URI.create("gfs://h:1/"), conf);
    assertEquals(1234, config.client().rpcTimeoutMs());
    assertEquals(5678, config.client().operationTimeoutMs());
    assertEquals(0, config.client().locationCacheMs());
    assertTrue(config.client().staleReads());
    assertEquals("/snaps", config.snapshotRoot());
    assertEquals(65536, config.bufferBytes());
  }

  @Test
  void aBadMasterAddressFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GfsFsConfig.resolve(URI.create("gfs://h:notaport/"), conf));
    assertTrue(e.getMessage().contains("notaport"), e.getMessage());
  }
}
