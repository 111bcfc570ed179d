package gfs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alert rules and Grafana dashboards against a real Prometheus (Debian's, started
 * here on loopback) scraping a real local cluster under a small workload, and the dashboards
 * against Grafana's dashboard schema. Needs `prometheus`, `promtool`, `node` and Debian's
 * `node-ajv`, so it is not part of the default run: `.ci/run` installs them and runs it as its
 * own step (`mvn -B verify -pl it -Dit.test=MonitoringIT`).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
  private static final Path ROOT = GfsCommand.root();
  private static final Path RULES_DIR = ROOT.resolve("ansible/roles/prometheus/files");
  private static final Path DASHBOARDS = ROOT.resolve("ansible/roles/grafana/files/dashboards");
  private static final String CLUSTER = "local";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path tmp;
  private static LocalCluster cluster;
  private static Process prometheus;
  private static String prometheusUrl;

  @BeforeAll
  static void start() throws Exception {
    // Slow clones keep chunks under-replicated long enough to watch the alert fire.
    cluster = LocalCluster.start(tmp.resolve("cluster"), 4, "1MB", Map.of(
        "chunkserver.dead.after.ms", "3000", "replication.scan.interval.ms", "1000",
        "replication.clone.bandwidth.bytes", "64KB"));
    prometheus = startPrometheus();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void alertRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
    String check = run(RULES_DIR, "promtool", "check", "rules", "gfs-alerts.yml");
    assertTrue(check.contains("SUCCESS"), check);
    String tests = run(RULES_DIR, "promtool", "test", "rules", "gfs-alerts.test.yml");
    assertTrue(tests.contains("SUCCESS"), tests);
  }

  @Test
  @Order(2)
  void everyDashboardValidatesAgainstTheGrafanaDashboardSchema() throws Exception {
    Path schemaDir = ROOT.resolve("ansible/roles/grafana/schema");
    List<String> command = new ArrayList<>(List.of("node", "validate-dashboards.js", "dashboard.schema.json"));
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> command.add(f.toString()));
    }
    assertEquals(8, command.size(), "five dashboards: " + command);
    ProcessBuilder node = new ProcessBuilder(command).directory(schemaDir.toFile()).redirectErrorStream(true);
    node.environment().put("NODE_PATH", "/usr/share/nodejs");  // Debian's node-ajv
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "validation timed out");
    assertEquals(0, process.exitValue(), output);
    assertEquals(5, output.lines().filter(l -> l.endsWith(": valid")).count(), output);
  }

  @Test
  @Order(3)
  void everyDashboardPanelAndVariableQueryReturnsDataAndEveryRuleParses() throws Exception {
    workload();
    awaitAllTargetsUp();
    awaitData("sum(rate(gfs_chunkserver_written_bytes_total[1m])) > 0");
    awaitData("sum(rate(gfs_rpc_server_seconds_count{role=\"master\",method=\"gfs.MasterService/Create\"}[1m])) > 0");
    // CI once found the record-append panel empty (see workload()).
    awaitData("sum(rate(gfs_rpc_server_seconds_count{role=\"chunkserver\",method=\"gfs.ChunkserverService/RecordAppend\"}[1m])) > 0");
    List<String> empty = new ArrayList<>();
    int queries = 0;
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonObject dashboard = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        for (JsonElement variable : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
          JsonObject v = variable.getAsJsonObject();
          if (v.get("type").getAsString().equals("query")) {
            queries++;
            String query = v.getAsJsonObject("query").get("query").getAsString();
            if (labelValues(query).isEmpty()) {
              empty.add(file.getFileName() + " variable " + v.get("name").getAsString() + ": " + query);
            }
          }
        }
        for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
          for (JsonElement target : panel.getAsJsonObject().getAsJsonArray("targets")) {
            queries++;
            String expr = substitute(target.getAsJsonObject().get("expr").getAsString());
            if (query(expr).isEmpty()) {
              empty.add(file.getFileName() + " panel '" + panel.getAsJsonObject().get("title").getAsString()
                  + "': " + expr);
            }
          }
        }
      }
    }
    assertTrue(queries > 50, "dashboards hold " + queries + " queries");
    assertEquals(List.of(), empty, "queries that returned nothing (broken panels)");
    for (String expr : ruleExpressions()) {
      query(expr);  // fails on a parse error; most rules rightly return nothing on a healthy cluster
    }
  }

  @Test
  @Order(4)
  void killingAChunkserverFiresChunkserverDownAndUnderReplicated() throws Exception {
    cluster.kill("chunkserver-1");
    Set<String> firing = new TreeSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && !firing.containsAll(List.of("GfsChunkserverDown", "GfsChunksUnderReplicated"))) {
      JsonArray alerts = get("/api/v1/alerts").getAsJsonObject("data").getAsJsonArray("alerts");
      for (JsonElement alert : alerts) {
        JsonObject a = alert.getAsJsonObject();
        if (a.get("state").getAsString().equals("firing")) {
          firing.add(a.getAsJsonObject("labels").get("alertname").getAsString());
        }
      }
      Thread.sleep(500);
    }
    assertTrue(firing.containsAll(List.of("GfsChunkserverDown", "GfsChunksUnderReplicated")),
        "firing within 60 s of the kill: " + firing);
    assertTrue(!firing.contains("GfsNoLeader") && !firing.contains("GfsChunksMissing"), "firing: " + firing);
  }

  // ------------------------------------------------------------------ the workload

  private static void workload() throws Exception {
    byte[] data = new byte[3 << 20];
    new java.util.Random(5).nextBytes(data);
    Path local = Files.write(tmp.resolve("data.bin"), data);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, cluster.gfs("put", local.toString(), "/m/file-" + i).exitCode());
    }
    assertEquals(0, cluster.gfs("get", "/m/file-0", tmp.resolve("back.bin").toString()).exitCode());
    assertEquals(0, cluster.gfsWithInput("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8),
        "append", "/m/log").exitCode());
    // A counter's series appears with its first increment, and rate() ignores that first jump:
    // appends made before any scrape saw the series would leave the append panels at zero. So
    // the second batch comes after a few scrapes (every 1 s) have seen the first.
    Thread.sleep(3_000);
    assertEquals(0, cluster.gfsWithInput("four\nfive\n".getBytes(StandardCharsets.UTF_8),
        "append", "/m/log").exitCode());
    assertEquals(1, cluster.gfs("stat", "/m/nothing-here").exitCode());  // a refusal (NOT_FOUND)
  }

  // ------------------------------------------------------------------ Prometheus

  private static Process startPrometheus() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path rules = tmp.resolve("gfs-alerts.yml");
    // The shipped rules wait minutes before firing (for: ...); here they fire at once, the
    // expressions being what is tested. promtool's unit tests check the real durations.
    Files.writeString(rules, Files.readString(RULES_DIR.resolve("gfs-alerts.yml"))
        .replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 0s"));
    StringBuilder config = new StringBuilder("""
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s
        scrape_configs:
        """.formatted(rules));
    config.append(job("gfs-master", "master.properties", "master.metrics.port", false));
    config.append(job("gfs-chunkserver", "chunkserver.properties", "chunkserver.metrics.port", true));
    Path configFile = Files.writeString(tmp.resolve("prometheus.yml"), config.toString());
    Path log = tmp.resolve("prometheus.log");
    Process process = new ProcessBuilder("prometheus", "--config.file=" + configFile,
        "--storage.tsdb.path=" + tmp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    prometheusUrl = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) {
        fail("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("prometheus not ready within 30 s: " + Files.readString(log));
  }

  /** A scrape job over the servers whose config file is named configName, from their configs. */
  private static String job(String name, String configName, String portKey, boolean withRack) throws IOException {
    StringBuilder job = new StringBuilder("  - job_name: " + name + "\n    static_configs:\n");
    try (Stream<Path> dirs = Files.list(cluster.dir())) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(configName))).sorted().toList()) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve(configName))) {
          p.load(in);
        }
        job.append("      - targets: ['127.0.0.1:").append(p.getProperty(portKey)).append("']\n")
            .append("        labels: {cluster: ").append(CLUSTER)
            .append(withRack ? ", rack: " + p.getProperty("chunkserver.rack") : "").append("}\n");
      }
    }
    return job.toString();
  }

  private static void awaitAllTargetsUp() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      JsonArray targets = get("/api/v1/targets").getAsJsonObject("data").getAsJsonArray("activeTargets");
      long up = 0;
      for (JsonElement t : targets) {
        if (t.getAsJsonObject().get("health").getAsString().equals("up")) {
          up++;
        }
      }
      last = up + " of " + targets.size() + " up";
      if (targets.size() == 8 && up == 8) {
        return;
      }
      Thread.sleep(250);
    }
    fail("Prometheus targets: " + last + " (want 3 masters, 1 shadow, 4 chunkservers)");
  }

  private static void awaitData(String expr) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!query(expr).isEmpty()) {
        return;
      }
      Thread.sleep(250);
    }
    fail("no data for " + expr + " within 30 s");
  }

  /** Grafana's variables and interval macros, as a dashboard opened on this cluster uses them. */
  private static String substitute(String expr) {
    return expr.replace("$cluster", CLUSTER).replace("$rack", ".*").replace("$host", ".*")
        .replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$__interval", "15s");
  }

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

  /** The values a `label_values(selector, label)` variable offers. */
  private static Set<String> labelValues(String variableQuery) throws Exception {
    Matcher m = LABEL_VALUES.matcher(variableQuery);
    assertTrue(m.matches(), "variable query " + variableQuery);
    Set<String> values = new TreeSet<>();
    for (JsonElement series : query(substitute(m.group(1)))) {
      JsonElement value = series.getAsJsonObject().getAsJsonObject("metric").get(m.group(2));
      if (value != null) {
        values.add(value.getAsString());
      }
    }
    return values;
  }

  /** An instant query's result; fails on a query Prometheus refuses (a parse error). */
  private static JsonArray query(String expr) throws Exception {
    JsonObject answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    assertEquals("success", answer.get("status").getAsString(), expr + ": " + answer);
    JsonObject data = answer.getAsJsonObject("data");
    if (!data.get("resultType").getAsString().equals("vector")) {
      fail(expr + " is not a vector: " + data);
    }
    return data.getAsJsonArray("result");
  }

  private static JsonObject get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static List<String> ruleExpressions() throws IOException {
    List<String> exprs = new ArrayList<>();
    for (String line : Files.readAllLines(RULES_DIR.resolve("gfs-alerts.yml"))) {
      String trimmed = line.trim();
      if (trimmed.startsWith("expr: ")) {
        exprs.add(trimmed.substring("expr: ".length()));
      }
    }
    assertEquals(9, exprs.size(), "rules in gfs-alerts.yml");
    return exprs;
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    return output;
  }
}
