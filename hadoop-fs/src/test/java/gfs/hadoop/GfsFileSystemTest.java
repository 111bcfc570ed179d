package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What needs no cluster: registration, URIs and paths (the client connects on first use). */
class GfsFileSystemTest {
  private final Configuration conf = new Configuration();
  private GfsFileSystem fs;

  @AfterEach
  void close() throws Exception {
    if (fs != null) {
      fs.close();
    }
  }

  private GfsFileSystem open(String uri) throws Exception {
    fs = new GfsFileSystem();
    fs.initialize(URI.create(uri), conf);
    return fs;
  }

  @Test
  void theSchemeIsFoundThroughServiceLoadingWithoutFsGfsImpl() throws Exception {
    assertNull(conf.get("fs.gfs.impl"));
    assertEquals(GfsFileSystem.class, FileSystem.getFileSystemClass("gfs", conf));
  }

  @Test
  void theUriIsSchemeAndAuthority() throws Exception {
    assertEquals(URI.create("gfs://127.0.0.1:7000,127.0.0.1:7001"),
        open("gfs://127.0.0.1:7000,127.0.0.1:7001/some/dir").getUri());
  }

  @Test
  void pathsBecomeGfsPathsRelativeToTheWorkingDirectory() throws Exception {
    open("gfs://127.0.0.1:7000/");
    assertEquals("/", fs.gfsPath(new Path("/")));
    assertEquals("/a/b c", fs.gfsPath(new Path("gfs://127.0.0.1:7000/a/b c")));
    assertEquals("/user/" + System.getProperty("user.name") + "/x", fs.gfsPath(new Path("x")));
    fs.setWorkingDirectory(new Path("/data"));
    assertEquals("/data/y/z", fs.gfsPath(new Path("y/z")));
  }

  @Test
  void pathsOfAnotherClusterAreRefused() throws Exception {
    open("gfs://127.0.0.1:7000/");
    assertThrows(IllegalArgumentException.class,
        () -> fs.gfsPath(new Path("gfs://10.1.1.1:7000/a")));
  }

  @Test
  void noDelegationTokensAreOffered() throws Exception {
    assertNull(open("gfs://127.0.0.1:7000/").getCanonicalServiceName());
  }

  @Test
  void gfsOnlyHelpersForPaths() {
    assertEquals("/", GfsFileSystem.parent("/a"));
    assertEquals("/a", GfsFileSystem.parent("/a/b"));
    assertEquals("/x", GfsFileSystem.child("/", "x"));
    assertEquals("/a/x", GfsFileSystem.child("/a", "x"));
    assertEquals(true, GfsFileSystem.isSameOrUnder("/a/b", "/a"));
    assertEquals(false, GfsFileSystem.isSameOrUnder("/ab", "/a"));
  }
}
