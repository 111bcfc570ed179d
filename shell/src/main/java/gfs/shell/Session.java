package gfs.shell;

import gfs.client.ClientConfig;
import gfs.client.GfsClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What lasts between the commands of one `gfs shell`: the current remote directory, the
 * options given to `gfs shell` itself (they apply to every command in it), and one client per
 * cluster config, kept open for the session instead of one connection per command. A one-shot
 * `gfs COMMAND` has a session too: directory /, no defaults, a client closed after the command.
 */
public final class Session implements AutoCloseable {
  /** Clients kept open at most, one per distinct config (--timeout, --conf make new ones). */
  static final int MAX_CLIENTS = 8;

  private final boolean keepClients;
  private final ClientOptions clientDefaults;
  private final boolean json;
  private final boolean debug;
  private final Map<ClientConfig, GfsClient> clients = new LinkedHashMap<>();
  private String directory = "/";

  private Session(boolean keepClients, ClientOptions clientDefaults, boolean json, boolean debug) {
    this.keepClients = keepClients;
    this.clientDefaults = clientDefaults;
    this.json = json;
    this.debug = debug;
  }

  /** The session of one `gfs COMMAND`. */
  public static Session oneShot() {
    return new Session(false, new ClientOptions(), false, false);
  }

  /** The session of `gfs shell`, with the options it was started with. */
  public static Session shell(ClientOptions clientDefaults, boolean json, boolean debug) {
    return new Session(true, clientDefaults, json, debug);
  }

  public boolean isShell() {
    return keepClients;
  }

  /** The current remote directory, against which relative paths are resolved. */
  public String directory() {
    return directory;
  }

  public void changeDirectory(String absolutePath) {
    directory = absolutePath;
  }

  /** --conf, --masters, --timeout given to `gfs shell`: used where a command gives none. */
  public ClientOptions clientDefaults() {
    return clientDefaults;
  }

  public boolean json() {
    return json;
  }

  public boolean debug() {
    return debug;
  }

  /** A client for config: the session's open one, or a new one (connections are lazy). */
  public synchronized GfsClient client(ClientConfig config) {
    if (!keepClients) {
      return GfsClient.connect(config);
    }
    GfsClient client = clients.get(config);
    if (client == null) {
      if (clients.size() >= MAX_CLIENTS) {
        GfsClient oldest = clients.values().iterator().next();
        clients.values().remove(oldest);
        oldest.close();
      }
      client = GfsClient.connect(config);
      clients.put(config, client);
    }
    return client;
  }

  /** The command is done with client: a one-shot session closes it. */
  public void release(GfsClient client) {
    if (!keepClients) {
      client.close();
    }
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(GfsClient::close);
    clients.clear();
  }
}
