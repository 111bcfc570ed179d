package gfs.fault.workload;

import gfs.client.ClientConfig;
import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.client.GfsException;
import gfs.fault.check.WriteChecker;
import gfs.fault.history.History;
import gfs.fault.history.Op;
import gfs.fault.history.Payloads;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A mixed workload of named threads, each with its own seeded Random, recording every
 * operation and answer in a {@link History}:
 * <ul>
 *   <li>ns-N: namespace operations under /ns/N on unique names (create, stat, list, rename,
 *       delete), stats and lists also of the other ns thread's names;</li>
 *   <li>writer-N: 16-byte-aligned writes of self-identifying bytes to its own file
 *       /data/file-N (serial per file) within its first 2.5 MB (three 1 MB chunks), and reads
 *       of both writers' files;</li>
 *   <li>appender-N: record appends of 100-4000 byte records to the shared /log/records.</li>
 * </ul>
 * Then {@link #finalReads} reads every file whole and stats every name, as process "final".
 */
public final class Workload {
  public static final int THREADS_PER_KIND = 2;
  private static final long WRITE_SPAN_BYTES = 2_560 * 1024;
  private static final String LOG = "/log/records";

  private final History history = new History();
  private final ClientConfig config;
  private final long seed;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> names = ConcurrentHashMap.newKeySet();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  public Workload(ClientConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  public History history() {
    return history;
  }

  /** Directories and files the threads use, with a patient client (before any fault). */
  public void setup(ClientConfig patient) throws GfsException {
    try (GfsClient client = GfsClient.connect(patient)) {
      for (int i = 0; i < THREADS_PER_KIND; i++) {
        client.mkdir("/ns/" + i, true);
        client.mkdir("/data", true);
        String file = "/data/file-" + i;
        int index = history.invoke("setup", Op.Kind.CREATE, file);
        client.create(file, 0, true);
        history.ok(index, null);
      }
      client.mkdir("/log", true);
      int index = history.invoke("setup", Op.Kind.CREATE, LOG);
      client.create(LOG, 0, true);
      history.ok(index, null);
    }
  }

  public void start() {
    for (int i = 0; i < THREADS_PER_KIND; i++) {
      int n = i;
      spawn("ns-" + n, new Random(seed * 31 + n), random -> namespaceStep(random, n));
      spawn("writer-" + n, new Random(seed * 37 + n), new Writer(n)::step);
      spawn("appender-" + n, new Random(seed * 41 + n), new Appender(n)::step);
    }
  }

  private interface Step {
    void run(Random random) throws Exception;
  }

  private void spawn(String name, Random random, Step step) {
    Thread thread = new Thread(() -> {
      try (GfsClient client = GfsClient.connect(config)) {
        clients.set(client);
        while (!stop.get()) {
          step.run(random);
          Thread.sleep(random.nextInt(20));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception | Error e) {
        errors.add(name + ": " + e);
      }
    }, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Each workload thread's own client. */
  private final ThreadLocal<GfsClient> clients = new ThreadLocal<>();

  private GfsClient client() {
    return clients.get();
  }

  /** Stops every thread, waiting at most an operation bound and a bit for each to finish. */
  public void stop() throws InterruptedException {
    stop.set(true);
    long boundMs = config.operationTimeoutMs() + 10_000;
    for (Thread thread : threads) {
      thread.join(boundMs);
      if (thread.isAlive()) {
        errors.add(thread.getName() + ": still running " + boundMs + " ms after stop");
        thread.interrupt();
      }
    }
  }

  /** Errors that ended a workload thread (not failed operations: those are in the history). */
  public List<String> errors() {
    return errors;
  }

  private interface Call {
    Object call() throws GfsException;
  }

  /** Runs one operation, recording its answer; STAT's NOT_FOUND is an answer (absent). */
  private Object record(int index, Call call) {
    try {
      Object value = call.call();
      history.ok(index, value);
      return value;
    } catch (GfsException e) {
      Op op = history.get(index);
      if (op.kind() == Op.Kind.STAT && e.kind() == GfsException.Kind.NOT_FOUND) {
        history.ok(index, Boolean.FALSE);
        return Boolean.FALSE;
      }
      if (e.kind() == GfsException.Kind.UNAVAILABLE) {
        history.info(index, e.kind() + " " + e.getMessage());
      } else {
        history.fail(index, e.kind() + " " + e.getMessage());
      }
      return null;
    }
  }

  // ---- namespace ---------------------------------------------------------------------------

  private final List<List<String>> existing = List.of(new CopyOnWriteArrayList<>(),
      new CopyOnWriteArrayList<>());
  private final int[] nextName = new int[THREADS_PER_KIND];

  private void namespaceStep(Random random, int n) {
    String process = "ns-" + n;
    List<String> mine = existing.get(n);
    int choice = random.nextInt(100);
    if (choice < 30 || mine.isEmpty()) {
      String path = "/ns/" + n + "/f" + nextName[n]++;
      names.add(path);
      int i = history.invoke(process, Op.Kind.CREATE, path);
      record(i, () -> client().create(path));
      if (history.get(i).ok()) {
        mine.add(path);
      }
    } else if (choice < 55) {
      String path = anyName(random);
      int i = history.invoke(process, Op.Kind.STAT, path);
      record(i, () -> {
        FileStatus status = client().stat(path);
        return status != null;
      });
    } else if (choice < 70) {
      String dir = "/ns/" + random.nextInt(THREADS_PER_KIND);
      int i = history.invoke(process, Op.Kind.LIST, dir);
      record(i, () -> client().list(dir).stream().map(FileStatus::path).toList());
    } else if (choice < 85) {
      String from = mine.remove(random.nextInt(mine.size()));
      String to = "/ns/" + n + "/f" + nextName[n]++;
      names.add(to);
      int i = history.invoke(process, Op.Kind.RENAME, from, to, 0, 0, 0, 0);
      record(i, () -> {
        client().rename(from, to);
        return null;
      });
      if (history.get(i).ok()) {
        mine.add(to);
      }
    } else {
      String path = mine.remove(random.nextInt(mine.size()));
      int i = history.invoke(process, Op.Kind.DELETE, path);
      record(i, () -> {
        client().delete(path, false);
        return null;
      });
    }
  }

  private String anyName(Random random) {
    List<String> all = new ArrayList<>(names);
    java.util.Collections.sort(all); // the Random decides, not the set's order
    return all.isEmpty() ? "/ns/0/none" : all.get(random.nextInt(all.size()));
  }

  // ---- writes ------------------------------------------------------------------------------

  private final class Writer {
    private final int n;
    private int seq;

    Writer(int n) {
      this.n = n;
    }

    void step(Random random) {
      String process = "writer-" + n;
      if (random.nextInt(100) < 60) {
        String path = "/data/file-" + n;
        long offset = random.nextLong(WRITE_SPAN_BYTES / Payloads.UNIT_BYTES) * Payloads.UNIT_BYTES;
        int length = (1 + random.nextInt(4096)) * Payloads.UNIT_BYTES;
        int s = ++seq;
        byte[] data = Payloads.write(n, s, offset, length);
        int i = history.invoke(process, Op.Kind.WRITE, path, null, offset, length, n, s);
        record(i, () -> {
          client().write(path, offset, data, 0, data.length);
          return null;
        });
      } else {
        String path = "/data/file-" + random.nextInt(THREADS_PER_KIND);
        long offset = random.nextLong(WRITE_SPAN_BYTES / Payloads.UNIT_BYTES) * Payloads.UNIT_BYTES;
        int length = (1 + random.nextInt(4096)) * Payloads.UNIT_BYTES;
        int i = history.invoke(process, Op.Kind.READ, path, null, offset, length, 0, 0);
        record(i, () -> read(client(), path, offset, length));
      }
    }
  }

  /** Up to length bytes from offset (fewer at the end of the file), in several calls if needed. */
  private static byte[] read(GfsClient client, String path, long offset, long length)
      throws GfsException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[256 * 1024];
    long at = offset;
    while (at < offset + length) {
      int want = (int) Math.min(buffer.length, offset + length - at);
      int n = client.read(path, at, buffer, 0, want);
      if (n <= 0) {
        break;
      }
      out.write(buffer, 0, n);
      at += n;
    }
    return out.toByteArray();
  }

  // ---- record appends ----------------------------------------------------------------------

  private final class Appender {
    private final int n;
    private int seq;

    Appender(int n) {
      this.n = n;
    }

    void step(Random random) {
      int s = ++seq;
      int length = 100 + random.nextInt(3_900);
      int writer = 100 + n; // apart from the writers' ids
      byte[] recordBytes = Payloads.record(writer, s, length);
      int i = history.invoke("appender-" + n, Op.Kind.APPEND, LOG, null, 0, length, writer, s);
      record(i, () -> client().recordAppend(LOG, recordBytes));
    }
  }

  // ---- after the faults --------------------------------------------------------------------

  /** Reads every file whole and stats every name and directory used, as process "final". */
  public void finalReads(ClientConfig patient) throws GfsException {
    String process = WriteChecker.FINAL;
    try (GfsClient client = GfsClient.connect(patient)) {
      List<String> files = new ArrayList<>();
      for (int n = 0; n < THREADS_PER_KIND; n++) {
        files.add("/data/file-" + n);
      }
      files.add(LOG);
      for (String file : files) {
        long length = client.length(file);
        int i = history.invoke(process, Op.Kind.READ, file, null, 0, (int) length, 0, 0);
        byte[] bytes = read(client, file, 0, length);
        history.ok(i, bytes);
      }
      List<String> all = new ArrayList<>(names);
      java.util.Collections.sort(all);
      for (String path : all) {
        int i = history.invoke(process, Op.Kind.STAT, path);
        try {
          client.stat(path);
          history.ok(i, Boolean.TRUE);
        } catch (GfsException e) {
          if (e.kind() != GfsException.Kind.NOT_FOUND) {
            throw e;
          }
          history.ok(i, Boolean.FALSE);
        }
      }
      for (int n = 0; n < THREADS_PER_KIND; n++) {
        String dir = "/ns/" + n;
        int i = history.invoke(process, Op.Kind.LIST, dir);
        history.ok(i, client.list(dir).stream().map(FileStatus::path).toList());
      }
    }
  }

  /** How many operations of each kind were acknowledged, for the test's log. */
  public String summary() {
    java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
    for (Op op : history.ops()) {
      int[] c = counts.computeIfAbsent(op.kind().name(), k -> new int[2]);
      c[op.ok() ? 0 : 1]++;
    }
    StringBuilder s = new StringBuilder();
    counts.forEach((kind, c) -> s.append(kind).append(' ').append(c[0]).append(" ok/")
        .append(c[1]).append(" failed  "));
    return s.toString().trim();
  }
}
