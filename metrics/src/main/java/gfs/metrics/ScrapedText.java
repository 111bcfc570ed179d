package gfs.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A server's /metrics page as Prometheus reads it, for tests and tools that check a figure:
 * fetch it, then read the value of one series by name and labels.
 */
public final class ScrapedText {
  private final String text;

  private ScrapedText(String text) {
    this.text = text;
  }

  /** GET http://address/metrics; an IOException names the address and the HTTP status. */
  public static ScrapedText fetch(String address) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET http://" + address + "/metrics answered " + response.statusCode());
    }
    return new ScrapedText(response.body());
  }

  /**
   * The value of the one series named name whose labels include every given label (written as
   * in the text: {@code method="gfs.MasterService/Create"}); IllegalStateException naming what
   * matched when not exactly one does.
   */
  public double value(String name, String... labels) {
    List<String> lines = text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains)).toList();
    if (lines.size() != 1) {
      throw new IllegalStateException(lines.size() + " series " + name + " with " + Arrays.toString(labels)
          + ": " + lines);
    }
    String line = lines.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  public boolean contains(String fragment) {
    return text.contains(fragment);
  }

  @Override
  public String toString() {
    return text;
  }
}
