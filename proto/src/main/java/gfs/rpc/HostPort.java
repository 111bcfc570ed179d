package gfs.rpc;

import java.util.ArrayList;
import java.util.List;

/** A "host:port" address, validated on parse so a typo is reported with the text given. */
public record HostPort(String host, int port) {
  public static HostPort parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException("address '" + text + "' is not host:port");
    }
    String host = trimmed.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(trimmed.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address '" + text + "' has a port that is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("address '" + text + "' has a port out of range");
    }
    return new HostPort(host, port);
  }

  /** Parses "h1:p1,h2:p2,...". */
  public static List<HostPort> parseList(String text) {
    List<HostPort> result = new ArrayList<>();
    if (text == null) {
      return result;
    }
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        result.add(parse(part));
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
